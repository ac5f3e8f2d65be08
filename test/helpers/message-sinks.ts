import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** Something that arrives, awaited by a predicate: resolves at once if it is there already, else when it comes. */
class Arrivals<T> {
  readonly items: T[] = [];
  readonly #waiting: { predicate: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.#waiting]) {
      if (!waiter.predicate(item)) continue;
      this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
      waiter.resolve(item);
    }
  }

  next(predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const found = this.items.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(new Error(`no ${what} arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.push(waiter);
    });
  }
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Whether the session was upgraded with STARTTLS. */
  secure: boolean;
  user: string | undefined;
}

/**
 * A real SMTP server on loopback (smtp-server), parsing what it receives (mailparser). `refuse` answers the next
 * recipients with an SMTP reply code (451: try later; 550: refused for good) before any message is taken.
 */
export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  next(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  refuse(count: number, responseCode: number): void;
  /** Recipients refused so far. */
  refused: number;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { starttls?: boolean; port?: number } = {}): Promise<SmtpSink> {
  const arrivals = new Arrivals<ReceivedMail>();
  let refusals: { count: number; responseCode: number } = { count: 0, responseCode: 451 };
  const sink = { refused: 0 } as SmtpSink;
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'persona' && auth.password === 'mail-secret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, callback) {
      if (refusals.count > 0) {
        refusals.count -= 1;
        sink.refused += 1;
        const error = Object.assign(new Error(refusals.responseCode >= 500 ? 'No such mailbox' : 'Try again later'), {
          responseCode: refusals.responseCode,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail: ParsedMail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          arrivals.push({
            to: to ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://persona:mail-secret@127.0.0.1:${port}${options.starttls ? '?tls.rejectUnauthorized=false' : ''}`,
    received: arrivals.items,
    next: (predicate: (mail: ReceivedMail) => boolean, timeoutMs = 15_000) =>
      arrivals.next(predicate, timeoutMs, 'email'),
    refuse(count: number, responseCode: number) {
      refusals = { count, responseCode };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface ReceivedSms {
  to: string;
  body: string;
  raw: string;
  headers: IncomingHttpHeaders;
}

/** An HTTP sink standing for an SMS gateway: records each POST, answering `failNext` of them with `status`. */
export interface SmsSink {
  url: string;
  received: ReceivedSms[];
  next(predicate: (sms: ReceivedSms) => boolean, timeoutMs?: number): Promise<ReceivedSms>;
  fail(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startSmsSink(): Promise<SmsSink> {
  const arrivals = new Arrivals<ReceivedSms>();
  let failures = { count: 0, status: 503 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures.count > 0) {
        failures.count -= 1;
        response.writeHead(failures.status).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString();
      const { to, body } = JSON.parse(raw) as { to: string; body: string };
      arrivals.push({ to, body, raw, headers: request.headers });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received: arrivals.items,
    next: (predicate, timeoutMs = 15_000) => arrivals.next(predicate, timeoutMs, 'SMS'),
    fail(count, status) {
      failures = { count, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link and the 6-digit code a message's text carries (either may be absent). */
export function codesOf(text: string): {
  link: string | undefined;
  code: string | undefined;
  path: string | undefined;
} {
  const link = /https?:\/\/\S+\/links\/\S+/.exec(text)?.[0];
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  return { link, code, path: link === undefined ? undefined : new URL(link).pathname };
}
