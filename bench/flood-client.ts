/**
 * The flood of `bench/login-flood.ts`, in a process of its own so that generating it never delays the measuring
 * client: wrong passwords on the token endpoint from FLOOD_CONNECTIONS connections for FLOOD_SECONDS, each request from
 * the address and for the user its scenario says. Prints `{requestsPerSecond, codes}` as JSON.
 */
import autocannon, { type Result } from 'autocannon';

const { FLOOD_URL, FLOOD_APP_ID, FLOOD_APP_KEY, FLOOD_SCENARIO } = process.env;
if (!FLOOD_URL || !FLOOD_APP_ID || !FLOOD_APP_KEY || !FLOOD_SCENARIO) {
  throw new Error('FLOOD_URL, FLOOD_APP_ID, FLOOD_APP_KEY and FLOOD_SCENARIO are required');
}
const appHeaders = { 'x-kii-appid': FLOOD_APP_ID, 'x-kii-appkey': FLOOD_APP_KEY, 'content-type': 'application/json' };
const randomAddress = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

/** One wrong-password attempt of the scenario. */
function attempt(): { headers: Record<string, string>; body: string } {
  if (FLOOD_SCENARIO === 'one-attacker') {
    return {
      headers: { ...appHeaders, 'x-forwarded-for': '203.0.113.66' },
      body: JSON.stringify({ username: 'flooded', password: 'wrong-password' }),
    };
  }
  const username = FLOOD_SCENARIO === 'botnet' ? `nobody-${Math.random().toString(36).slice(2)}` : 'flooded';
  return {
    headers: { ...appHeaders, 'x-forwarded-for': randomAddress() },
    body: JSON.stringify({ username, password: 'wrong-password' }),
  };
}

const result = await new Promise<Result>((resolvePromise, reject) => {
  autocannon(
    {
      url: `${FLOOD_URL}/api/oauth2/token`,
      method: 'POST',
      connections: Number(process.env.FLOOD_CONNECTIONS ?? 64),
      duration: Number(process.env.FLOOD_SECONDS ?? 12),
      requests: [{ setupRequest: (request) => ({ ...request, ...attempt() }) }],
    },
    (error, finished) => (error ? reject(error) : resolvePromise(finished)),
  );
});
const codes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]));
console.log(JSON.stringify({ requestsPerSecond: Math.round(result.requests.mean), codes }));
