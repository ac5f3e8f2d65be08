import type { MessagingConfig } from '../config.ts';
import type { Transports } from '../core/messaging/messaging.types.ts';
import { smsWebhookTransport } from './sms-webhook-transport.ts';
import { smtpTransport } from './smtp-transport.ts';

/** The transports the configuration names; a channel without one keeps its messages in the outbox. */
export function transportsOf(config: MessagingConfig): Transports {
  return {
    email: config.smtpUrl && config.mailFrom ? smtpTransport(config.smtpUrl, config.mailFrom) : undefined,
    sms:
      config.smsWebhookUrl && config.smsWebhookSecret
        ? smsWebhookTransport(config.smsWebhookUrl, config.smsWebhookSecret)
        : undefined,
  };
}

/** One start-up line per channel: where its messages go. */
export function describeTransports(transports: Transports): string[] {
  return [
    transports.email
      ? `emails are sent through ${transports.email.description}`
      : 'SMTP_URL is not set: emails are kept in the outbox (GET /admin/v1/outbox, npm run cli -- outbox)',
    transports.sms
      ? `SMS are sent through the gateway at ${transports.sms.description}`
      : 'SMS_WEBHOOK_URL is not set: SMS are kept in the outbox (GET /admin/v1/outbox, npm run cli -- outbox)',
  ];
}
