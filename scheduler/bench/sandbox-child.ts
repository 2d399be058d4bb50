/**
 * The benchmark's sandbox, in its own process so the scheduler's memory is measured
 * alone. Same servers as startSandbox(), plus a request counter on CDON
 * (`GET /_sandbox/bench-counts`, `POST /_sandbox/bench-reset`). Prints one JSON line with the URLs,
 * then serves until SIGTERM.
 */
import { buildCdonServer, buildCharismaServer, buildDhlServer, buildFxServer } from '@megzo/sandbox';

const products = Number(process.env.BENCH_SANDBOX_PRODUCTS ?? '500');
const apps = {
  cdon: buildCdonServer({ articleProcessingDelayMs: Number(process.env.BENCH_ARTICLE_DELAY_MS ?? '200'), logger: false }).app,
  charisma: buildCharismaServer({ products, seed: 42, logger: false }).app,
  dhl: buildDhlServer({ logger: false }).app,
  fx: buildFxServer({ seed: 42, logger: false }).app,
};
let counts: Record<string, number> = {};
apps.cdon.addHook('onRequest', async (req) => {
  if (req.url.startsWith('/_')) return;
  const key = `${req.method} ${req.url.split('?')[0]!.replace(/\/[0-9a-f-]{8,}|\/\d+/g, '/:id')}`;
  counts[key] = (counts[key] ?? 0) + 1;
});
apps.cdon.get('/_sandbox/bench-counts', async () => counts);
apps.cdon.post('/_sandbox/bench-reset', async () => {
  counts = {};
  return {};
});
const urls: Record<string, string> = {};
for (const [name, app] of Object.entries(apps)) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  urls[name] = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}
process.stdout.write(`${JSON.stringify({ sandbox: urls })}\n`);
const stop = () => void Promise.all(Object.values(apps).map((a) => a.close())).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
