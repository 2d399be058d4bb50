import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package. Integration tests (*.int.test.ts)
// use real PostgreSQL through @megzo/db/testing, which starts one embedded server
// for the whole run (see prisma/src/testing).
export default defineConfig({
  test: {
    projects: ['packages/*', 'prisma', 'scheduler', 'api', 'scripts'],
  },
});
