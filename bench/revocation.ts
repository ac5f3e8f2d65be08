/**
 * How long another instance keeps accepting a revoked token: `npm run bench:revocation`. Two Persona processes (A and
 * B) share a fresh schema of one PostgreSQL. For each try a user logs in on A and reads itself on B (B caches the
 * token); A revokes (a password change, disabling, the admin's revoke-tokens, a deletion, in turn); as soon as A has
 * answered, B is asked with the token again and again until it refuses. Reported per phase: how many tries B still
 * accepted the token at least once, and how long after A's answer B's first refusal came (median, p99, max).
 * Phases: `idle` (nothing else runs), `load` (REVOCATION_LOAD_CONNECTIONS connections read a user on B meanwhile).
 *
 * Settings: REVOCATION_TRIES (200 per phase), REVOCATION_PHASES (idle,load), REVOCATION_LOAD_CONNECTIONS (32),
 * BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test), and Persona's own (passed through to both).
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { cleanUp, createAppWithCli, freePort, onCleanUp, startChild, waitForHttp } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const nodeBin = join(root, 'node_modules/.bin/node');
const flags = ['--disable-warning=ExperimentalWarning'];
const tries = Number(process.env.REVOCATION_TRIES ?? 200);
const phases = (process.env.REVOCATION_PHASES ?? 'idle,load').split(',');
const loadConnections = Number(process.env.REVOCATION_LOAD_CONNECTIONS ?? 32);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `persona_revocation_${randomBytes(6).toString('hex')}`;
const env = { ...process.env, DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'warn' };

interface Created {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}

const revocations = ['password', 'disable', 'revoke-tokens', 'delete'] as const;

async function main(): Promise<void> {
  onCleanUp('drop schema', async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  const created: Created = await createAppWithCli(root, env, 'rev');
  // Sign-ups and log-ins from one address: the per-address limits would count this benchmark.
  const bases: string[] = [];
  for (const name of ['A', 'B']) {
    const port = await freePort('127.0.0.1');
    const child = startChild(name, nodeBin, [...flags, 'src/server.ts'], {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`, child);
    bases.push(base);
  }
  const [a, b] = bases as [string, string];
  const admin = await call(a, 'POST', '/api/oauth2/token', {
    body: { grant_type: 'client_credentials', client_id: created.clientId, client_secret: created.clientSecret },
  });
  const adminToken = (admin.json as { access_token: string }).access_token;
  await call(a, 'PATCH', '/admin/v1/app', {
    token: adminToken,
    body: { settings: { signUpsPerAddress: 0, logInsPerAddress: 0 } },
  });

  const reader = await signUp(a, created);
  for (const phase of phases) {
    const load =
      phase === 'load'
        ? autocannon(
            {
              url: `${b}/api/apps/${created.appId}/users/me`,
              headers: { authorization: `Bearer ${reader.accessToken}` },
              connections: loadConnections,
              duration: 3600,
            },
            () => {},
          )
        : undefined;
    try {
      const windows: number[] = [];
      let accepted = 0;
      let deletedUserNotFound = 0;
      for (let i = 0; i < tries; i++) {
        const user = await signUp(a, created);
        const me = `/api/apps/${created.appId}/users/me`;
        if ((await call(b, 'GET', me, { token: user.accessToken })).status !== 200) throw new Error('B refused');
        const how = revocations[i % revocations.length] as (typeof revocations)[number];
        const revoked = await revoke(a, created, adminToken, user, how);
        const answeredAt = performance.now();
        if (revoked >= 300) throw new Error(`${how} answered ${revoked}`);
        let acceptedThisTry = false;
        for (;;) {
          const status = (await call(b, 'GET', me, { token: user.accessToken })).status;
          if (status === 401) break;
          // A deleted user's token that B still holds, with its user no longer cached, finds no user: refused too.
          if (status === 404 && how === 'delete') {
            deletedUserNotFound++;
            break;
          }
          if (status !== 200) throw new Error(`B answered ${status} after ${how}`);
          acceptedThisTry = true;
        }
        windows.push(acceptedThisTry ? performance.now() - answeredAt : 0);
        if (acceptedThisTry) accepted++;
      }
      windows.sort((x, y) => x - y);
      const at = (q: number) => (windows[Math.min(windows.length - 1, Math.floor(q * windows.length))] ?? 0).toFixed(1);
      console.log(
        `${phase}: B accepted a revoked token in ${accepted} of ${tries} tries; first refusal after A's answer: ` +
          `median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${(windows.at(-1) ?? 0).toFixed(1)} ms; ` +
          `refused as a user not found (404) after a deletion: ${deletedUserNotFound}`,
      );
    } finally {
      load?.stop();
    }
  }
}

interface User {
  id: string;
  loginName: string;
  accessToken: string;
}

let users = 0;
async function signUp(base: string, created: Created): Promise<User> {
  const loginName = `rev${process.pid}x${++users}`;
  const headers = { 'x-kii-appid': created.appId, 'x-kii-appkey': created.appKey };
  const signedUp = await call(base, 'POST', `/api/apps/${created.appId}/users`, {
    headers: { ...headers, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
    body: { loginName, password: 'pass-word1' },
  });
  const logIn = await call(base, 'POST', '/api/oauth2/token', {
    headers,
    body: { username: loginName, password: 'pass-word1' },
  });
  return {
    id: (signedUp.json as { userID: string }).userID,
    loginName,
    accessToken: (logIn.json as { access_token: string }).access_token,
  };
}

async function revoke(
  a: string,
  created: Created,
  adminToken: string,
  user: User,
  how: (typeof revocations)[number],
): Promise<number> {
  const me = `/api/apps/${created.appId}/users/me`;
  switch (how) {
    case 'password':
      return (
        await call(a, 'PUT', `${me}/password`, {
          token: user.accessToken,
          body: { oldPassword: 'pass-word1', newPassword: 'pass-word2' },
        })
      ).status;
    case 'disable':
      return (
        await call(a, 'PUT', `/admin/v1/users/${user.id}/status`, { token: adminToken, body: { disabled: true } })
      ).status;
    case 'revoke-tokens':
      return (await call(a, 'POST', `/admin/v1/users/${user.id}/revoke-tokens`, { token: adminToken })).status;
    case 'delete':
      return (await call(a, 'DELETE', me, { token: user.accessToken })).status;
  }
}

async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

try {
  await main();
} finally {
  await cleanUp();
}
