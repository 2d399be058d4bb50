/** Second process of the API benchmark: drives HTTP load with autocannon and prints one JSON line. */
import autocannon from 'autocannon';

const url = process.env.BENCH_URL!;
const body = process.env.BENCH_BODY!;
const apiKey = process.env.BENCH_API_KEY!;
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(process.env.BENCH_CONNECTIONS ?? '20'),
  duration: Number(process.env.BENCH_DURATION_S ?? '10'),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
  body,
});
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
