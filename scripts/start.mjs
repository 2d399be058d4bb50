// `npm start`: install if needed, then run the whole product on its embedded defaults.
import { ensureInstalled, run, ROOT } from './bootstrap.mjs';
import { join } from 'node:path';

ensureInstalled();
// Ctrl-C reaches the whole process group: the supervisor (scripts/start.ts) does the
// orderly stop; this wrapper just waits for it instead of dying first.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.exit(run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts', ...process.argv.slice(2)]));
