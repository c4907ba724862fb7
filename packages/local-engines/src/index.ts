export * from './cognito-bootstrap';
export * from './cognito-local';
export * from './dynamodb-local';
export * from './engines';
export * from './ports';
