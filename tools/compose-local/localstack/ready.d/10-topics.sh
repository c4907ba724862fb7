#!/bin/sh
# LocalStack runs this once it is ready (compose profile "sns"). The names follow the CDK's
# `<prefix>-<topic id>` with the prefix taskmgr-local, so the ARNs in docker-compose.yml are fixed.
set -eu
for topic in TaskDueNotificationsEmailTopic TaskDueNotificationsSMSTopic \
  TaskCompletedNotificationsEmailTopic TaskCompletedNotificationsSMSTopic; do
  awslocal sns create-topic --name "taskmgr-local-${topic}" >/dev/null
done
# SES refuses unverified senders; LocalStack verifies on request.
if [ -n "${NOTIFICATION_EMAIL_FROM:-}" ]; then
  awslocal ses verify-email-identity --email-address "${NOTIFICATION_EMAIL_FROM}"
fi
echo "taskmgr: SNS topics ready"
