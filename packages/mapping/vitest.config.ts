import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mapping',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
