import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  CpuArchitecture,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DUE_REMINDER_COMMAND } from './env-contract';
import { acknowledge } from './nag';
import type { JobSource } from './services';
import { STOP_TIMEOUT } from './services';

export interface ReminderSchedulerProps {
  readonly prefix: string;
  readonly cluster: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  readonly job: JobSource;
  readonly intervalMinutes: number;
}

/**
 * EventBridge Scheduler starts the due-reminder one-shot job as a Fargate task every N minutes.
 * The job runs the notification image with the notification service's config and task role;
 * overlapping runs are safe because each reminder is claimed with a conditional update.
 */
export class ReminderScheduler extends Construct {
  readonly taskDefinition: FargateTaskDefinition;
  readonly group: scheduler.ScheduleGroup;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: ReminderSchedulerProps) {
    super(scope, id);
    const { job } = props;

    this.taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      family: `${props.prefix}-due-reminders`,
      cpu: job.cpu,
      memoryLimitMiB: job.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
      taskRole: job.taskRole,
      executionRole: job.executionRole,
    });
    this.taskDefinition.addVolume({ name: 'tmp' });
    const container = this.taskDefinition.addContainer('due-reminders', {
      containerName: 'due-reminders',
      image: job.image,
      command: [...DUE_REMINDER_COMMAND],
      environment: job.environment,
      secrets: job.secrets,
      logging: LogDrivers.awsLogs({ logGroup: job.logGroup, streamPrefix: 'due-reminders' }),
      stopTimeout: STOP_TIMEOUT,
      readonlyRootFilesystem: true,
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    acknowledge(
      this.taskDefinition,
      'AwsSolutions-ECS2',
      'Same configuration as the notification service: non-secret names, ARNs and limits only; CURSOR_SECRET comes from Secrets Manager.',
    );

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Due-reminder job: no ingress, egress HTTPS only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs');

    // Scheduler's own role: run this task definition and pass its two roles, nothing more.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: start the due-reminder task',
    });

    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: `${props.prefix}-jobs`,
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      scheduleName: `${props.prefix}-due-reminders`,
      description: `Runs ${DUE_REMINDER_COMMAND.join(' ')} every ${props.intervalMinutes} min`,
      scheduleGroup: this.group,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(props.intervalMinutes)),
      target: new targets.EcsRunFargateTask(props.cluster, {
        taskDefinition: this.taskDefinition,
        role,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [securityGroup],
        assignPublicIp: false,
        // A missed run is covered by the next one; retrying late only piles runs up.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(Math.min(props.intervalMinutes, 15)),
      }),
    });
  }
}
