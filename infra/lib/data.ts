import {
  type IndexDefinition,
  type KeyAttribute,
  type LocalIndexDefinition,
  type TableDefinition,
  tableDefinition,
} from '@taskmgr/dynamo';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface DataProps {
  readonly envName: string;
  readonly prefix: string;
  readonly retainData: boolean;
  /** Defaults to the shared definition; a parameter only so tests can pass a variant. */
  readonly definition?: TableDefinition;
}

/** Fixed per environment, so other stacks can address the table without an export. */
export function tableNameFor(envName: string, def: TableDefinition = tableDefinition): string {
  return `${def.defaultTableName}-${envName}`;
}

const attributeTypes: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
};

const projectionTypes: Record<IndexDefinition['projection'], dynamodb.ProjectionType> = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
};

const streamViewTypes: Record<TableDefinition['streamViewType'], dynamodb.StreamViewType> = {
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
};

const billingModes: Record<TableDefinition['billingMode'], dynamodb.BillingMode> = {
  PAY_PER_REQUEST: dynamodb.BillingMode.PAY_PER_REQUEST,
};

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: attributeTypes[key.type] };
}

function globalIndex(index: IndexDefinition): dynamodb.GlobalSecondaryIndexProps {
  return {
    indexName: index.indexName,
    partitionKey: attribute(index.partitionKey),
    ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
    projectionType: projectionTypes[index.projection],
  };
}

function localIndex(index: LocalIndexDefinition): dynamodb.LocalSecondaryIndexProps {
  return {
    indexName: index.indexName,
    sortKey: attribute(index.sortKey),
    projectionType: projectionTypes[index.projection],
  };
}

/**
 * The one table, built from the shared definition: keys, indexes, TTL, stream and billing all
 * come from `@taskmgr/dynamo`, so nothing here can drift from schema-load or the tests.
 * Also holds the cursor-signing secret, the other piece of state the services share.
 */
export class Data extends Construct {
  readonly table: dynamodb.Table;
  readonly cursorSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const def = props.definition ?? tableDefinition;
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new dynamodb.Table(this, 'Table', {
      // A fixed name makes CloudFormation refuse any change that would replace the table.
      tableName: tableNameFor(props.envName, def),
      partitionKey: attribute(def.partitionKey),
      sortKey: attribute(def.sortKey),
      billingMode: billingModes[def.billingMode],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: def.timeToLiveAttribute,
      stream: streamViewTypes[def.streamViewType],
      deletionProtection: props.retainData,
      removalPolicy,
    });
    for (const index of def.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex(globalIndex(index));
    }
    for (const index of def.localSecondaryIndexes) {
      this.table.addLocalSecondaryIndex(localIndex(index));
    }

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      secretName: `${props.prefix}/cursor-secret`,
      description: 'HMAC key that signs pagination cursors (CURSOR_SECRET)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      this.cursorSecret,
      'AwsSolutions-SMG4',
      'The cursor HMAC key is not a credential to another system. Rotating it only invalidates outstanding pagination cursors; it is rotated by the documented put-secret-value + service restart, without a rotation Lambda.',
    );
  }
}
