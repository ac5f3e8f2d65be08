import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { DeliveryError, type OutgoingEmail, type Transport } from '../core/messaging/messaging.types.ts';

/**
 * Email through SMTP with nodemailer: `smtp://user:password@host:587` upgrades with STARTTLS when the server offers it
 * (`?tls.rejectUnauthorized=false` accepts a self-signed certificate), `smtps://…:465` is TLS from the start. One
 * connection per message: delivery runs in jobs, a few at a time, so a pool would save little and keep sockets open
 * to a server that may go away. The timeouts stay well inside a job's lease.
 */
export function smtpTransport(url: string, from: string): Transport<OutgoingEmail> {
  const options = parseConnectionUrl(url);
  const mailer = nodemailer.createTransport({
    ...options,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const host = options.host ?? '';
  const port = options.port ?? (options.secure ? 465 : 587);
  return {
    description: `${options.secure ? 'smtps' : 'smtp'}://${host}:${port}`,
    async send(email) {
      try {
        await mailer.sendMail({
          from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          ...(email.html === null ? {} : { html: email.html }),
          // The same id on every attempt: a receiver that got it once can drop a second delivery.
          messageId: `<${email.messageId}@persona>`,
        });
      } catch (error) {
        throw deliveryErrorOf(error);
      }
    },
    async close() {
      mailer.close();
    },
  };
}

/**
 * A 5xx reply refuses for good (no such mailbox, message refused); a 4xx, a connection or TLS failure, and an
 * authentication failure (a configuration to fix while the message waits) are retried.
 */
function deliveryErrorOf(error: unknown): DeliveryError {
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
  const reason = `SMTP ${responseCode ?? code ?? 'error'}: ${(message ?? String(error)).split('\n')[0]}`;
  return new DeliveryError(reason, { permanent, cause: error });
}
