/**
 * `npm start` fails fast, with one line naming the reason, on bad configuration,
 * and refuses to run twice on the same data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from './ports.ts';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'megzo-start-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  // Free ports for everything, so a running demo on the defaults never interferes.
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const child = spawn(TSX, ['scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      MEGZO_DATA_DIR: dataDir,
      STUDIO_PORT: String(ports[0]),
      API_PORT: String(ports[1]),
      SANDBOX_PORT_CDON: String(ports[2]),
      SANDBOX_PORT_CHARISMA: String(ports[3]),
      SANDBOX_PORT_DHL: String(ports[4]),
      SANDBOX_PORT_FX: String(ports[5]),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr, stdout };
}

function reasonLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('megzo:'));
}

describe('npm start fails fast with a one-line reason', () => {
  it('names a malformed variable', async () => {
    const r = await start({ API_PORT: 'four-thousand' });
    expect(r.code).toBe(1);
    expect(reasonLines(r.stderr)).toEqual([expect.stringMatching(/^megzo: environment variable API_PORT is invalid/)]);
  });

  it('names a port that is already in use', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
    try {
      const r = await start({ SANDBOX_PORT_DHL: String(port) });
      expect(r.code).toBe(1);
      expect(reasonLines(r.stderr)).toEqual([`megzo: port ${port} (SANDBOX_PORT_DHL) is already in use; stop what uses it or set SANDBOX_PORT_DHL to another port`]);
    } finally {
      busy.close();
    }
  });

  it('names an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const r = await start({ DATABASE_URL: `postgresql://megzo:secret@127.0.0.1:${port}/megzo` });
    expect(r.code).toBe(1);
    const lines = reasonLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^megzo: db: .*(127\.0\.0\.1|reach|connect|ECONNREFUSED)/i);
    expect(lines[0]).not.toContain('secret'); // the password never reaches the log
  });

  it('refuses a second start on the same data folder', async () => {
    // A live process holds the lock: this test's own pid stands in for a running stack.
    writeFileSync(join(dataDir, 'megzo.pid'), String(process.pid));
    const r = await start({});
    expect(r.code).toBe(1);
    expect(reasonLines(r.stderr)).toEqual([`megzo: MEGZO IV is already running from ${dataDir} (pid ${process.pid}); stop it (Ctrl-C) before starting again`]);
  });
});
