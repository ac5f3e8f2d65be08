/**
 * The baseline: a bare `node:http` server with no framework, no validation and no database. It answers GET and POST
 * on any path with a fixed Kii-user-sized JSON body (~250 bytes); POST first reads and JSON.parses the request body,
 * as any real handler must. Persona's throughput is reported as a ratio to this server's.
 */
import { createServer } from 'node:http';

const profile = {
  userID: '4f3e2d1c-0b9a-4c8d-8e7f-6a5b4c3d2e1f',
  internalUserID: 281474976710655,
  loginName: 'bench-user-0001',
  displayName: 'Bench User',
  emailAddress: 'bench-user-0001@example.com',
  emailAddressVerified: false,
  _hasPassword: true,
  _disabled: false,
  nick: 'b',
  level: 3,
};

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer((request, response) => {
  const answer = (status: number, body: unknown) => {
    // Serialized per request, as a real handler would; the body is not cached.
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };
  if (request.method === 'GET') {
    answer(200, profile);
    return;
  }
  if (request.method === 'POST') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (typeof body !== 'object' || body === null) throw new Error('not an object');
        answer(200, profile);
      } catch {
        answer(400, { errorCode: 'INVALID_INPUT_DATA', message: 'The body is not a JSON object' });
      }
    });
    return;
  }
  answer(405, { errorCode: 'METHOD_NOT_ALLOWED', message: 'GET or POST only' });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

server.listen(port, host);
