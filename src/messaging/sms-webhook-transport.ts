import { createHmac } from 'node:crypto';
import { DeliveryError, type OutgoingSms, type Transport } from '../core/messaging/messaging.types.ts';

/**
 * SMS through an HTTP gateway of the operator's: Persona POSTs `{to, body}` as JSON with
 * `X-Persona-Timestamp` (Unix seconds), `X-Persona-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with
 * the shared secret>` and `Idempotency-Key` (the message's id, the same on every attempt). Any 2xx is accepted; a 4xx
 * other than 408 and 429 refuses for good; anything else (5xx, no answer within 15 s) is retried.
 */
export function smsWebhookTransport(url: string, secret: string): Transport<OutgoingSms> {
  const target = new URL(url);
  return {
    description: `${target.origin}${target.pathname}`,
    async send(sms) {
      const body = JSON.stringify({ to: sms.to, body: sms.body });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-persona-timestamp': timestamp,
            'x-persona-signature': `sha256=${signature}`,
            'idempotency-key': sms.messageId,
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        await response.arrayBuffer();
      } catch (error) {
        throw new DeliveryError(`SMS gateway unreachable: ${(error as Error).message}`, {
          permanent: false,
          cause: error,
        });
      }
      if (response.ok) return;
      const permanent = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      throw new DeliveryError(`SMS gateway answered ${response.status}`, { permanent });
    },
  };
}

/** The signature a gateway checks: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function smsSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
