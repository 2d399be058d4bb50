import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox } from './index.ts';
import { basic, call } from './test-helpers.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function runMain(env: Record<string, string>, waitForLine: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (waitForLine && stdout.includes('\n')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('startSandbox', () => {
  it('starts all four simulators on random ports and closes them', async () => {
    const sb = await startSandbox({ ports: { cdon: 0, charisma: 0, dhl: 0, fx: 0 }, products: 10, articleProcessingDelayMs: 0 });
    try {
      for (const url of Object.values(sb.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const m = SANDBOX_CREDENTIALS.cdon.merchants;
      expect(m.map((x) => x.label)).toEqual(['Nordic Store A', 'Nordic Store B']);
      expect((await call(`${sb.urls.cdon}/api/v1/orders/`, { headers: { authorization: basic(m[0]?.merchantId ?? '', m[0]?.token ?? '') } })).status).toBe(200);
      const items = await call(`${sb.urls.charisma}/api/v1/items`, { headers: { 'x-api-key': SANDBOX_CREDENTIALS.charisma.apiKey } });
      expect(items.body.total).toBe(11);
      expect((await call(`${sb.urls.fx}/ecb/eurofxref-daily.xml`)).status).toBe(200);
      expect((await call(`${sb.urls.dhl}/_sandbox/shipments`)).body).toEqual({ shipments: [] });
    } finally {
      await sb.close();
    }
    await expect(fetch(`${sb.urls.cdon}/_sandbox/clock`)).rejects.toThrow();
  });
  it('fails with an error naming a busy port and leaves nothing listening', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startSandbox({ ports: { cdon: 0, charisma: port, dhl: 0, fx: 0 } })).rejects.toThrow(`port ${port} (charisma) is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('main.ts', () => {
  it('prints one JSON line with the URLs and exits cleanly on SIGTERM', async () => {
    const r = await runMain({ SANDBOX_PORT_CDON: '0', SANDBOX_PORT_CHARISMA: '0', SANDBOX_PORT_DHL: '0', SANDBOX_PORT_FX: '0', SANDBOX_PRODUCTS: '5' }, true);
    const line = JSON.parse(r.stdout.trim()) as { sandbox: Record<string, string> };
    expect(Object.keys(line.sandbox)).toEqual(['cdon', 'charisma', 'dhl', 'fx']);
    expect(r.code).toBe(0);
  });
  it('rejects a bad variable with one line naming it', async () => {
    const r = await runMain({ SANDBOX_PRODUCTS: 'lots' }, false);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('SANDBOX_PRODUCTS');
    const p = await runMain({ SANDBOX_PORT_DHL: '70000' }, false);
    expect(p.stderr).toContain('SANDBOX_PORT_DHL');
  });
  it('reports a port in use with one line naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runMain({ SANDBOX_PORT_CDON: String(port), SANDBOX_PORT_CHARISMA: '0', SANDBOX_PORT_DHL: '0', SANDBOX_PORT_FX: '0' }, false);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim()).toBe(`sandbox: port ${port} (cdon) is already in use`);
    } finally {
      blocker.close();
    }
  });
});
