/**
 * The baseline: a bare `node:http` server with no framework, no validation and no database. It answers GET and POST
 * on any path with a fixed Kii-user-sized JSON body (~250 bytes); POST first reads and JSON.parses the request body,
 * as any real handler must. Persona's throughput is reported as a ratio to this server's.
 *
 * For the v1 case it answers `GET /v1/profile` with a v1 profile of six fields, as Persona's.
 *
 * For the KIP cases it answers `GET /kip/preferences?items=N` and `GET /kip/history?items=N` with a KIP envelope of N
 * items of the same shape as Persona's (preference options; history viewings with meta and page links), so that those
 * cases are compared with a server sending the same bytes.
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

/** What `GET /v1/user/profile?fields=id,displayName,handle,email,createdAt,referralCode` answers. */
const v1Profile = {
  id: '019ad5e2-7c41-7a35-9b0e-4f8d2c1a6b3e',
  displayName: 'Bench User 1234',
  handle: null,
  email: 'many-1234-a1b2c3@example.com',
  createdAt: '2026-12-02T10:00:00.000Z',
  referralCode: 'r-3k9x2qa7',
};

const preference = (i: number) => ({
  id: `0f1e2d3c-4b5a-5968-8776-${String(i).padStart(12, '0')}`,
  category: 'MovieActor',
  label: `Preference option ${i}`,
  value: i % 7 === 0,
});
const viewing = (i: number) => ({
  movieId: `0f1e2d3c-4b5a-5968-8776-${String(i).padStart(12, '0')}`,
  title: 'The Silent Harbour',
  watchedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  technology: 'IMAX',
  version: 'OV',
  posterUrl: 'https://posters.persona.example/the-silent-harbour.jpg',
});
const link = (rel: string, page: number) => ({
  rel,
  href: `/users/me/movies/history?page=${page}&pageSize=20`,
  method: 'GET',
});

/** The KIP envelopes, built once per size (Persona builds its own per request from rows; JSON is the common cost). */
const kipBodies = new Map<string, unknown>();
function kipBody(kind: string, items: number): unknown {
  const key = `${kind}:${items}`;
  let body = kipBodies.get(key);
  if (body === undefined) {
    body =
      kind === 'preferences'
        ? { data: Array.from({ length: items }, (_, i) => preference(i)), links: [link('self', 1)] }
        : {
            data: Array.from({ length: items }, (_, i) => viewing(i)),
            meta: { page: 50, pageSize: 20, totalItems: 10_000, totalPages: 500 },
            links: [link('self', 50), link('first', 1), link('last', 500), link('prev', 49), link('next', 51)],
          };
    kipBodies.set(key, body);
  }
  return body;
}

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
    if (request.url === '/v1/profile') {
      answer(200, v1Profile);
      return;
    }
    const kip = /^\/kip\/(preferences|history)\?items=(\d{1,4})$/.exec(request.url ?? '');
    answer(200, kip ? kipBody(kip[1] as string, Number(kip[2])) : profile);
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
