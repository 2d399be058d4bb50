// `npm start`: install if needed, then run the whole product on its embedded defaults.
import { ensureInstalled, run, ROOT } from './bootstrap.mjs';
import { join } from 'node:path';

ensureInstalled();
process.exit(run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts', ...process.argv.slice(2)]));
