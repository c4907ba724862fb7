import type { ServiceId } from '@taskmgr/route-table';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { combineMetrics, type RunningService } from './services';

/**
 * The log line the notification service writes when a channel delivery fails (pino JSON):
 * `{"event":"notification.delivery_failed","channel":"email"|"sms",...}`. The metric filter
 * below counts them; the service must keep this event name.
 */
export const DELIVERY_FAILED_EVENT = 'notification.delivery_failed';
export const METRIC_NAMESPACE = 'TaskManager';

export interface ObservabilityProps {
  readonly prefix: string;
  readonly alarmEmail?: string;
  readonly retainData: boolean;
  readonly api: apigwv2.HttpApi;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly running: Readonly<Record<ServiceId, RunningService>>;
  readonly table: dynamodb.ITable;
  /** Global secondary index names (throttling is reported per index too). */
  readonly globalIndexNames: readonly string[];
  readonly topics: readonly sns.ITopic[];
  readonly scheduleGroup: scheduler.ScheduleGroup;
}

/** One dashboard and the alarms that page someone, all sent to one encrypted topic. */
export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);

    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `${props.prefix} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarm notifications into the encrypted topic.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${props.prefix}-alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const action = new cwActions.SnsAction(this.alarmTopic);
    const alarm = (alarmId: string, alarmProps: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
        alarmName: `${props.prefix}-${alarmProps.alarmName ?? alarmId}`,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    // 5xx: at the API, at the ALB itself, and per service.
    alarm('Api5xx', {
      alarmName: 'api-5xx',
      alarmDescription: 'The API answered 5xx (integration failures, timeouts, service errors)',
      metric: props.api.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      threshold: 10,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    alarm('Alb5xx', {
      alarmName: 'alb-5xx',
      alarmDescription: 'The ALB itself answered 5xx (no healthy target, target reset)',
      metric: props.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, {
        period: fiveMinutes,
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    alarm('ApiLatencyP99', {
      alarmName: 'api-latency-p99',
      alarmDescription: 'p99 latency at the API above 2 s for 5 minutes',
      metric: props.api.metricLatency({ period: minute, statistic: cloudwatch.Stats.p(99) }),
      threshold: 2000,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    for (const running of Object.values(props.running)) {
      const name = running.definition.name;
      running.deploymentAlarm.addAlarmAction(action);
      running.deploymentAlarm.addOkAction(action);
      this.alarms.push(running.deploymentAlarm);
      const groups = running.targetGroups;
      alarm(`${name}LatencyP99`, {
        alarmName: `${name}-latency-p99`,
        alarmDescription: `${name} p99 response time above 1 s for 5 minutes`,
        metric: combineMetrics(
          groups.map((g) =>
            g.metrics.targetResponseTime({ period: minute, statistic: cloudwatch.Stats.p(99) }),
          ),
          'MAX',
          `${name} p99`,
          minute,
        ),
        threshold: 1,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
      alarm(`${name}Unhealthy`, {
        alarmName: `${name}-unhealthy-targets`,
        alarmDescription: `${name} has targets failing /health/ready`,
        metric: combineMetrics(
          groups.map((g) =>
            g.metrics.unhealthyHostCount({ period: minute, statistic: cloudwatch.Stats.MAXIMUM }),
          ),
          'SUM',
          `${name} unhealthy`,
          minute,
        ),
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      alarm(`${name}NoHealthy`, {
        alarmName: `${name}-no-healthy-targets`,
        alarmDescription: `${name} has no healthy target: its routes fail`,
        metric: combineMetrics(
          groups.map((g) =>
            g.metrics.healthyHostCount({ period: minute, statistic: cloudwatch.Stats.MINIMUM }),
          ),
          'SUM',
          `${name} healthy`,
          minute,
        ),
        threshold: 1,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data means no targets registered at all.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }

    // Throttling on the table and on every GSI (an index that cannot keep up throttles writes).
    const throttleMetrics: Record<string, cloudwatch.IMetric> = {};
    const throttle = (metricName: string, dimensions: Record<string, string>) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: dimensions,
        period: fiveMinutes,
        statistic: cloudwatch.Stats.SUM,
      });
    throttleMetrics.tr = throttle('ReadThrottleEvents', { TableName: props.table.tableName });
    throttleMetrics.tw = throttle('WriteThrottleEvents', { TableName: props.table.tableName });
    props.globalIndexNames.forEach((indexName, i) => {
      const dims = { TableName: props.table.tableName, GlobalSecondaryIndexName: indexName };
      throttleMetrics[`ir${i}`] = throttle('ReadThrottleEvents', dims);
      throttleMetrics[`iw${i}`] = throttle('WriteThrottleEvents', dims);
    });
    const throttles = new cloudwatch.MathExpression({
      expression: Object.keys(throttleMetrics).join(' + '),
      usingMetrics: throttleMetrics,
      label: 'DynamoDB throttle events',
      period: fiveMinutes,
    });
    alarm('DynamoThrottles', {
      alarmName: 'dynamodb-throttles',
      alarmDescription: 'Requests to the table or its indexes were throttled',
      metric: throttles,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    // Failed deliveries: SNS to topic subscribers, and the service's own channel failures.
    const topicFailures: Record<string, cloudwatch.IMetric> = {};
    props.topics.forEach((topic, i) => {
      topicFailures[`t${i}`] = topic.metricNumberOfNotificationsFailed({
        period: fiveMinutes,
        statistic: cloudwatch.Stats.SUM,
      });
    });
    const topicFailureSum = new cloudwatch.MathExpression({
      expression: Object.keys(topicFailures).join(' + '),
      usingMetrics: topicFailures,
      label: 'SNS deliveries failed',
      period: fiveMinutes,
    });
    alarm('TopicDeliveryFailures', {
      alarmName: 'sns-delivery-failures',
      alarmDescription: 'SNS could not deliver notification topic messages to a subscriber',
      metric: topicFailureSum,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    const notificationLogs = props.running.notification.logGroup;
    const deliveryFailures = new logs.MetricFilter(this, 'DeliveryFailureFilter', {
      logGroup: notificationLogs,
      filterPattern: logs.FilterPattern.stringValue('$.event', '=', DELIVERY_FAILED_EVENT),
      metricNamespace: METRIC_NAMESPACE,
      metricName: `${props.prefix}-NotificationDeliveryFailures`,
      metricValue: '1',
    });
    const deliveryFailureMetric = deliveryFailures.metric({
      period: Duration.minutes(15),
      statistic: cloudwatch.Stats.SUM,
    });
    alarm('ChannelDeliveryFailures', {
      alarmName: 'notification-delivery-failures',
      alarmDescription: 'Email or SMS deliveries failed (after the service retried)',
      metric: deliveryFailureMetric,
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    alarm('ReminderJobFailures', {
      alarmName: 'reminder-schedule-errors',
      alarmDescription: 'EventBridge Scheduler could not start the due-reminder task',
      metric: props.scheduleGroup.metricTargetErrors({
        period: Duration.minutes(15),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.prefix,
      defaultInterval: Duration.hours(3),
    });
    const running = Object.values(props.running);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [props.api.metricCount({ period: minute, statistic: cloudwatch.Stats.SUM })],
        right: [
          props.api.metricClientError({ period: minute, statistic: cloudwatch.Stats.SUM }),
          props.api.metricServerError({ period: minute, statistic: cloudwatch.Stats.SUM }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency',
        left: [
          props.api.metricLatency({ period: minute, statistic: cloudwatch.Stats.p(50) }),
          props.api.metricLatency({ period: minute, statistic: cloudwatch.Stats.p(99) }),
          props.api.metricIntegrationLatency({ period: minute, statistic: cloudwatch.Stats.p(99) }),
        ],
        width: 8,
      }),
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarms,
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Target p99 response time (s)',
        left: running.map((r) =>
          r.targetGroup.metrics.targetResponseTime({
            period: minute,
            statistic: cloudwatch.Stats.p(99),
            label: r.definition.name,
          }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Target 5xx and healthy targets',
        left: running.map((r) =>
          r.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
            period: minute,
            statistic: cloudwatch.Stats.SUM,
            label: `${r.definition.name} 5xx`,
          }),
        ),
        right: running.map((r) =>
          r.targetGroup.metrics.healthyHostCount({
            period: minute,
            statistic: cloudwatch.Stats.MINIMUM,
            label: `${r.definition.name} healthy`,
          }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Service CPU and memory (%)',
        left: running.map((r) =>
          r.service.metricCpuUtilization({ period: minute, label: `${r.definition.name} cpu` }),
        ),
        right: running.map((r) =>
          r.service.metricMemoryUtilization({ period: minute, label: `${r.definition.name} mem` }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'DynamoDB capacity and throttles',
        left: [
          props.table.metricConsumedReadCapacityUnits({ period: minute }),
          props.table.metricConsumedWriteCapacityUnits({ period: minute }),
        ],
        right: [throttles],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Notifications',
        left: [
          topicFailureSum,
          deliveryFailureMetric.with({ period: minute, label: 'channel delivery failures' }),
        ],
        right: [
          props.scheduleGroup.metricAttempts({ period: Duration.minutes(15) }),
          props.scheduleGroup.metricTargetErrors({ period: Duration.minutes(15) }),
        ],
        width: 8,
      }),
      new cloudwatch.LogQueryWidget({
        title: 'Recent errors (all services)',
        logGroupNames: running.map((r) => r.logGroup.logGroupName),
        queryLines: [
          'fields @timestamp, @logStream, msg, err.message',
          'filter level >= 50',
          'sort @timestamp desc',
          'limit 50',
        ],
        width: 8,
      }),
    );
  }
}
