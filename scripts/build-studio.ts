// `next build` for the studio, skipped when nothing it bundles changed.
import { Supervisor } from './supervisor.ts';
import { buildStudioIfNeeded, ROOT } from './stack.ts';

await buildStudioIfNeeded(new Supervisor({ cwd: ROOT }));
