// `pnpm bench <name>`: runs one benchmark (or all). Each prints one JSON object
// per line and ends with a summary line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, run, ROOT } from './bootstrap.mjs';

const BENCHES = {
  sandbox: 'packages/sandbox/bench/sandbox.bench.ts',
  connectors: 'packages/connectors/bench/connectors.bench.ts',
  mapping: 'packages/mapping/bench/mapping.bench.ts',
  sync: 'scheduler/bench/sync.bench.ts',
  api: 'api/bench/api.bench.ts',
};
const [name, ...rest] = process.argv.slice(2);
const names = name ? [name] : Object.keys(BENCHES);
for (const n of names) {
  if (!BENCHES[n]) {
    console.error(`unknown benchmark "${n}"; choose one of: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}
ensureInstalled({ quiet: true });
let worst = 0;
for (const n of names) {
  const file = join(ROOT, BENCHES[n]);
  if (!existsSync(file)) {
    console.error(`benchmark "${n}" has no file yet (${BENCHES[n]})`);
    worst = 1;
    continue;
  }
  worst = Math.max(worst, run(join(ROOT, 'node_modules', '.bin', 'tsx'), [file, ...rest]));
}
process.exit(worst);
