/** The API process: `npx tsx api/src/main.ts`. Bad configuration or a busy port → one line, exit 1. */
import { EnvError, parseEnv } from './env.ts';
import { closeDeps, createDeps } from './create-deps.ts';
import { PortInUseError, buildApp } from './app.ts';

async function main(): Promise<void> {
  const env = parseEnv();
  const deps = createDeps(env);
  const app = buildApp(deps);
  const { url } = await app.start(env.API_PORT, env.API_HOST);
  try {
    await deps.events.start();
  } catch (e) {
    await app.stop();
    throw new Error(`cannot subscribe to scheduler events (${env.REDIS_URL ? 'REDIS_URL' : 'DATABASE_URL'}): ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  deps.logger.info({ url: `${url}/graphql` }, 'api listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'api stopping');
    await app.stop();
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof EnvError || e instanceof PortInUseError) {
    process.stderr.write(`api: ${e.message}\n`);
  } else {
    process.stderr.write(`api: failed to start: ${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')}\n`);
  }
  process.exit(1);
});
