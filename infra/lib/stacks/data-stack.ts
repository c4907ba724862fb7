import { tableDefinition } from '@taskmgr/dynamo';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Auth } from '../auth';
import type { AppConfig } from '../config';
import { Data } from '../data';
import { importZone } from '../domains';
import { Messaging } from '../messaging';

export interface DataStackProps extends StackProps {
  readonly config: AppConfig;
}

/**
 * The stateful part: table, cursor secret, user pool and notification topics. Kept apart from
 * the compute so the app stack can be replaced or torn down without touching any data.
 */
export class DataStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly messaging: Messaging;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new Data(this, 'Data', {
      envName: config.envName,
      prefix: config.prefix,
      retainData: config.retainData,
      definition: tableDefinition,
    });
    this.auth = new Auth(this, 'Auth', {
      prefix: config.prefix,
      retainData: config.retainData,
      ...(config.cognitoEmailViaSes && config.notificationEmailFrom
        ? { sesFromEmail: config.notificationEmailFrom }
        : {}),
    });
    const hostedZone = config.domain ? importZone(this, 'Zone', config.domain) : undefined;
    this.messaging = new Messaging(this, 'Messaging', {
      prefix: config.prefix,
      retainData: config.retainData,
      smsDirectPublish: config.smsDirectPublish,
      ...(config.notificationEmailFrom ? { emailFrom: config.notificationEmailFrom } : {}),
      ...(hostedZone ? { hostedZone } : {}),
    });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'CursorSecretArn', { value: this.data.cursorSecret.secretArn });
  }
}
