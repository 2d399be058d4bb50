// Runs a TypeScript entry point after making sure dependencies are installed.
import { ensureInstalled, run, ROOT } from './bootstrap.mjs';
import { join } from 'node:path';

ensureInstalled({ quiet: true });
process.exit(run(join(ROOT, 'node_modules', '.bin', 'tsx'), process.argv.slice(2)));
