import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('api/schema.graphql', () => {
  it('is up to date with the code (else run `npx tsx api/src/print-schema.ts`)', () => {
    // A separate process: the printed SDL is exactly what the CLI writes.
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'api/src/print-schema.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});
