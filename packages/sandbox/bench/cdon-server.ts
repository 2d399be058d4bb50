/** Child process for the benchmark: one CDON simulator on a random loopback port. */
import { buildCdonServer } from '../src/cdon/server.ts';

const products = Number(process.env.BENCH_PRODUCTS ?? 1000);
const { app } = buildCdonServer({ articleProcessingDelayMs: 0, products, seed: 42, maxUpdateBatchSize: 1000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, pid: process.pid })}\n`);
const stop = (): void => {
  app.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
