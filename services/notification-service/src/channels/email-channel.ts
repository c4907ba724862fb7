import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailChannel, EmailMessage, SentMessage } from './channel';

/** Plain-text email through SES v2 from the one verified sender. */
export class SesEmailChannel implements EmailChannel {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
  ) {}

  async sendEmail(message: EmailMessage): Promise<SentMessage> {
    const output = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return { messageId: output.MessageId };
  }
}
