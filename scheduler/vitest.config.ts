import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// Integration tests (*.int.test.ts) share the embedded PostgreSQL started by the
// DB package's global setup (one server per vitest run).
const globalSetup = fileURLToPath(new URL('../prisma/vitest.global-setup.ts', import.meta.url));

export default defineProject({
  test: {
    name: '@megzo/scheduler',
    include: ['src/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    globalSetup: existsSync(globalSetup) ? [globalSetup] : [],
    // Integration tests start servers and several workers: keep files sequential.
    fileParallelism: false,
  },
});
