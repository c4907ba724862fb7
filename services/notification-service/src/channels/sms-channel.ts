import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SentMessage, SmsChannel, SmsMessage } from './channel';

/** SMS straight to a phone number through SNS, as Transactional (delivery over cost). */
export class SnsSmsChannel implements SmsChannel {
  constructor(private readonly sns: SNSClient) {}

  async sendSms(message: SmsMessage): Promise<SentMessage> {
    const output = await this.sns.send(
      new PublishCommand({
        PhoneNumber: message.phoneNumber,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
    return { messageId: output.MessageId };
  }
}
