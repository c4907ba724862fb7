import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { NotificationEnvName } from './env-contract';

/** The seed's four topics, with the env variable that carries each ARN. */
export const NOTIFICATION_TOPICS = [
  { id: 'TaskDueNotificationsEmailTopic', env: 'SNS_TOPIC_TASK_DUE_EMAIL_ARN' },
  { id: 'TaskDueNotificationsSMSTopic', env: 'SNS_TOPIC_TASK_DUE_SMS_ARN' },
  { id: 'TaskCompletedNotificationsEmailTopic', env: 'SNS_TOPIC_TASK_COMPLETED_EMAIL_ARN' },
  { id: 'TaskCompletedNotificationsSMSTopic', env: 'SNS_TOPIC_TASK_COMPLETED_SMS_ARN' },
] as const satisfies ReadonlyArray<{ id: string; env: NotificationEnvName }>;

export type TopicEnvName = (typeof NOTIFICATION_TOPICS)[number]['env'];

export interface MessagingProps {
  readonly prefix: string;
  readonly retainData: boolean;
  /** SES sender address; an identity is created for it (domain identity when the zone matches). */
  readonly emailFrom?: string;
  readonly hostedZone?: route53.IPublicHostedZone;
  /** Allow the SMS channel to publish straight to phone numbers. */
  readonly smsDirectPublish: boolean;
}

/**
 * Channel events go to four KMS-encrypted, TLS-only SNS topics. Email leaves through SES from
 * one verified sender; SMS through SNS publish to the phone number (Transactional).
 */
export class Messaging extends Construct {
  readonly key: kms.Key;
  readonly topics: Readonly<Record<TopicEnvName, sns.Topic>>;
  readonly emailIdentity?: ses.EmailIdentity;
  private readonly props: MessagingProps;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    this.props = props;

    this.key = new kms.Key(this, 'TopicKey', {
      description: `${props.prefix} SNS notification topics`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.retainData ? 30 : 7),
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const topics: Partial<Record<TopicEnvName, sns.Topic>> = {};
    for (const def of NOTIFICATION_TOPICS) {
      topics[def.env] = new sns.Topic(this, def.id, {
        topicName: `${props.prefix}-${def.id}`,
        displayName: 'Task Manager',
        masterKey: this.key,
        enforceSSL: true,
      });
    }
    this.topics = topics as Record<TopicEnvName, sns.Topic>;

    if (props.emailFrom) {
      const domain = props.emailFrom.split('@')[1];
      const zone = props.hostedZone;
      const identity =
        zone && domain === zone.zoneName
          ? ses.Identity.publicHostedZone(zone)
          : ses.Identity.email(props.emailFrom);
      this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', { identity });
    }
  }

  /**
   * What the notification service and its job may do: publish to the four topics (with the key
   * operations SNS needs for an encrypted topic), send mail as the one sender, and send SMS.
   * Written out by hand because `Topic.grantPublish` adds `kms:GenerateDataKey*`, a wildcard.
   */
  grantNotify(grantee: iam.IGrantable): void {
    const topicArns = Object.values(this.topics).map((t) => t.topicArn);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishChannelEvents',
        actions: ['sns:Publish'],
        resources: topicArns,
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptForTopics',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
    if (this.emailIdentity && this.props.emailFrom) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'SendEmailAsSender',
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [this.emailIdentity.emailIdentityArn],
          conditions: { StringEquals: { 'ses:FromAddress': this.props.emailFrom } },
        }),
      );
    }
    if (this.props.smsDirectPublish) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'SendSmsToPhoneNumbers',
          actions: ['sns:Publish'],
          // SNS has no ARN for a phone number: publishing an SMS directly can only be allowed
          // on "*". Off with smsDirectPublish=false (the SMS channel then fails and retries).
          resources: ['*'],
        }),
      );
    }
  }
}
