/**
 * The cost of recording metrics, in-process: `Metrics.observeRequest` and `observeQuery` over 1,000,000 calls each,
 * three rounds. `npm run bench:metrics`. (`npm run bench` with and without METRICS_TOKEN measures the same at HTTP
 * level, within the machine's noise.)
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Metrics } from '../src/http/metrics.ts';

const metrics = new Metrics();
const routes = ['/api/apps/:appId/users/:user', '/users/:userId/profile/preferences', '/healthz'];
const request = (i: number) => ({ method: 'GET', routeOptions: { url: routes[i % 3] } }) as unknown as FastifyRequest;
const requests = [0, 1, 2].map(request);
const reply = { statusCode: 200, elapsedTime: 1.234 } as unknown as FastifyReply;
const calls = 1_000_000;
for (let round = 1; round <= 3; round++) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) metrics.observeRequest(requests[i % 3] as FastifyRequest, reply);
  const between = performance.now();
  for (let i = 0; i < calls; i++) metrics.observeQuery(0.05);
  const ended = performance.now();
  console.log(
    `round ${round}: observeRequest ${(((between - started) * 1000) / calls).toFixed(3)} µs, ` +
      `observeQuery ${(((ended - between) * 1000) / calls).toFixed(3)} µs`,
  );
}
