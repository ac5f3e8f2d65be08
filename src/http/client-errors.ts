import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';

type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Answers a request that Node's HTTP parser refused (a control character in a header, a malformed request line, too
 * many header bytes) in the error shape of the face whose path it named. Only the socket is left at that point, and
 * the request's path only if the parser kept the bytes it read: the face's own handler writes into a stand-in reply,
 * whose status, type and body are then written to the socket, and the connection is closed. Without the path, the
 * answer is Persona's own problem+json. A reset or destroyed socket is left alone.
 */
export function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
  handlerFor: (url: string) => ErrorHandler,
  log: FastifyBaseLogger | undefined,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const message =
    status === 408
      ? 'The request took too long to arrive'
      : status === 431
        ? 'The request headers are too large'
        : `The request is malformed (${error.code ?? 'unreadable'})`;
  const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined;
  const requestLine = packet?.toString('latin1').split('\r\n', 1)[0] ?? '';
  const [method = 'GET', url = ''] = requestLine.split(' ');
  const reply = new RecordedReply();
  const request = { method, url, log: log ?? silentLog, headers: {} } as unknown as FastifyRequest;
  log?.debug({ err: error }, 'client error');
  try {
    handlerFor(url)(
      Object.assign(new Error(message), { statusCode: status }),
      request,
      reply as unknown as FastifyReply,
    );
  } catch {
    reply.status(status).type('application/json').send({ message });
  }
  if (socket.writable) {
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    const head = [
      `HTTP/1.1 ${reply.statusCode} ${STATUS_CODES[reply.statusCode] ?? 'Error'}`,
      `Content-Type: ${reply.contentType}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroySoon();
}

/** What a face's error handler does to a reply, kept to be written to a bare socket. */
class RecordedReply {
  statusCode = 400;
  contentType = 'application/json; charset=utf-8';
  body: unknown;
  readonly headers: Record<string, string> = {};

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  code(code: number): this {
    return this.status(code);
  }
  type(contentType: string): this {
    this.contentType = contentType;
    return this;
  }
  header(name: string, value: string): this {
    if (name.toLowerCase() === 'content-type') this.contentType = value;
    else this.headers[name] = value;
    return this;
  }
  send(body: unknown): this {
    this.body = body;
    return this;
  }
}

const silentLog = { error() {}, warn() {}, info() {}, debug() {}, trace() {}, fatal() {} };
