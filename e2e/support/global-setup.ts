/**
 * Starts one throw-away MEGZO IV stack (embedded PostgreSQL in a temp folder,
 * sandbox systems, scheduler, API, studio) on free ports for the whole suite,
 * and stops it afterwards. Set E2E_STUDIO_URL (+ E2E_API_URL, E2E_CDON_URL,
 * E2E_CHARISMA_URL, E2E_DHL_URL) to run against a stack that is already up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../scripts/stack.ts';
import { freePort } from '../../scripts/ports.ts';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_STUDIO_URL) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'megzo-e2e-'));
  const ports = {
    studio: await freePort(),
    api: await freePort(),
    cdon: await freePort(),
    charisma: await freePort(),
    dhl: await freePort(),
    fx: await freePort(),
  };
  const logs: string[] = [];
  const stack = await startStack({
    dataDir,
    ports,
    products: Number(process.env.E2E_PRODUCTS ?? 60),
    // Every flow but catalog runs at start-up (FX rates are still fetched): the first
    // catalog sync is started and watched live by tests/00-first-sync.spec.ts.
    env: { STARTUP_RUN_FLOWS: 'stock,orders,invoices,tracking,returns' },
    quiet: true,
    log: (line) => {
      logs.push(line);
      if (process.env.E2E_STACK_LOGS) process.stdout.write(line + '\n');
    },
  });
  process.env.E2E_STUDIO_URL = stack.urls.studio;
  process.env.E2E_API_URL = stack.urls.graphql;
  process.env.E2E_CDON_URL = stack.urls.cdon;
  process.env.E2E_CHARISMA_URL = stack.urls.charisma;
  process.env.E2E_DHL_URL = stack.urls.dhl;
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
