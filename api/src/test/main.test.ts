/** The process entry point: one-line failures for bad configuration and a busy port; serves when healthy. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@megzo/db/testing';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function runMain(env: Record<string, string>, untilMs = 20_000): Promise<{ code: number | null; stderr: string; stdout: string; kill: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', MEGZO_SECRET_KEY: 'a'.repeat(64), LOG_LEVEL: 'info', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('api listening')) resolve({ code: null, stderr, stdout, kill: () => child.kill('SIGTERM') });
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), untilMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, kill: () => undefined });
    });
  });
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('api/src/main.ts', () => {
  it('a malformed or missing variable: one line naming it, exit 1', async () => {
    const missing = await runMain({});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('api: DATABASE_URL is required\n');
    const port = await runMain({ DATABASE_URL: db.url, API_PORT: 'abc' });
    expect(port.code).toBe(1);
    expect(port.stderr).toBe('api: API_PORT must be a port number (0-65535) (got "abc")\n');
  });

  it('starts, serves /healthz, and a busy port is one line naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    const r = await runMain({ DATABASE_URL: db.url, API_PORT: String(busy) });
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`api: port ${busy} is already in use (API_PORT); stop what uses it or set API_PORT to another port\n`);

    const free = createServer();
    await new Promise<void>((res) => free.listen(0, '127.0.0.1', () => res()));
    const freePort = (free.address() as { port: number }).port;
    await new Promise<void>((res) => free.close(() => res()));
    const ok = await runMain({ DATABASE_URL: db.url, API_PORT: String(freePort) });
    try {
      expect(ok.code).toBeNull();
      const res = await fetch(`http://127.0.0.1:${freePort}/healthz`);
      expect(res.status).toBe(200);
      const line = JSON.parse(ok.stdout.split('\n').find((l) => l.includes('api listening'))!);
      expect(line).toMatchObject({ level: 30, service: 'api', url: `http://127.0.0.1:${freePort}/graphql` });
    } finally {
      ok.kill();
    }
  });
});
