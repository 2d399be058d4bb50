import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// API tests start a real server (port 0) over a throw-away database cloned from the
// DB package's migrated template (one embedded PostgreSQL per vitest run).
const globalSetup = fileURLToPath(new URL('../prisma/vitest.global-setup.ts', import.meta.url));

export default defineProject({
  test: {
    name: '@megzo/api',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: existsSync(globalSetup) ? [globalSetup] : [],
  },
});
