/**
 * The shared contract suite every connector passes against the sandbox:
 * check (valid / wrong credentials / bad config), discover, resumable reads without
 * duplicates or gaps, writes that do not duplicate after a lost response, classification
 * of every sandbox fault mode, and the Retry-After window of a credential.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TransientError, isIntegrationError } from '@megzo/domain';
import type { Connector, ConnectorDeps, ConnectorInstance } from '../contract/types.ts';
import { LimiterRegistry } from '../kit/limiter.ts';
import type { FetchLike } from '../kit/http.ts';

export interface ContractEnv<I extends ConnectorInstance> {
  config: unknown;
  /** Same config with wrong credentials. */
  badCredentials: unknown;
  /** Base URL of the simulator's `/_sandbox` control API. */
  controlUrl: string;
  /** URL path prefix (as the simulator sees it) hit by `probe`. */
  faultPath: string;
  /** A side-effect-free call that hits `faultPath` exactly once when nothing fails. */
  probe(instance: I): Promise<unknown>;
  read?: {
    stream: string;
    /** Every key a full read must yield, from the simulator's inspection API. */
    expectedKeys(): Promise<string[]>;
    pageSize?: number;
  };
  write?: {
    /** Fault path (may carry a method: "POST /api/v1/sales-orders"). */
    path: string;
    /** Performs the write once (the engine's retry after a failure calls it again with the same input). */
    perform(instance: I): Promise<unknown>;
    /** How many remote records the write produced. */
    count(): Promise<number>;
  };
}

export interface ContractOptions<I extends ConnectorInstance> {
  connector: Connector<unknown, I>;
  /** Which parts apply (tests that do not apply are not registered, never skipped). */
  features: { read: boolean; write: boolean };
  setup(): Promise<ContractEnv<I>>;
  teardown(): Promise<void>;
}

async function control(base: string, path: string, method: string, body?: unknown): Promise<void> {
  const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${await res.text()}`);
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e;
  }
}

export function runConnectorContract<I extends ConnectorInstance>(opts: ContractOptions<I>): void {
  const { connector } = opts;
  describe(`${connector.id}: connector contract`, () => {
    let env: ContractEnv<I>;
    const open = (deps: ConnectorDeps = {}) => connector.open(env.config, { limiters: new LimiterRegistry(), ...deps });
    const noRetry = { retries: 0, minDelayMs: 1, maxDelayMs: 1 };

    beforeAll(async () => {
      env = await opts.setup();
    });
    afterAll(async () => {
      await opts.teardown();
    });
    afterEach(async () => {
      await control(env.controlUrl, '/_sandbox/faults', 'DELETE');
    });

    it('check passes with a valid config', async () => {
      await expect(connector.check(env.config, { limiters: new LimiterRegistry() })).resolves.toBeUndefined();
    });

    it('check fails with a configuration error for wrong credentials', async () => {
      const err = await caught(connector.check(env.badCredentials, { limiters: new LimiterRegistry() }));
      expect(err).toBeInstanceOf(ConfigError);
    });

    it('rejects a malformed config with a ConfigError naming the field', async () => {
      const err = await caught(connector.check({ ...(env.config as object), ...badField(env.config) }));
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).path).toBeTruthy();
    });

    it('declares streams, capabilities and a JSON-schema spec with secret fields flagged', async () => {
      const d = await connector.discover(env.config);
      for (const flag of ['invoiceUpload', 'returns', 'webhooks', 'partialFulfilment'] as const) expect(typeof d.capabilities[flag]).toBe('boolean');
      for (const s of d.streams) expect(s.primaryKey.length).toBeGreaterThan(0);
      const schema = connector.jsonSchema() as { properties: Record<string, { secret?: boolean }> };
      for (const f of connector.secretFields) expect(schema.properties[f.split('.')[0] ?? '']?.secret ?? true).toBe(true);
    });

    const itRead = opts.features.read ? it : () => {};
    const itWrite = opts.features.write ? it : () => {};

    itRead('reads every record once, and resumes from a checkpoint with no duplicate or missing record', async () => {
      if (!env.read) throw new Error('features.read is set but setup() returned no read section');
      const { stream, pageSize } = env.read;
      const expected = (await env.read.expectedKeys()).sort();
      const full: string[] = [];
      for await (const m of open().read(stream, null, { pageSize })) if (m.type === 'record') full.push(m.key);
      expect([...full].sort()).toEqual(expected);

      const first: string[] = [];
      let state: Record<string, unknown> | null = null;
      for await (const m of open().read(stream, null, { pageSize })) {
        if (m.type === 'record') first.push(m.key);
        if (m.type === 'checkpoint' && m.count > 0) {
          state = m.state;
          break;
        }
      }
      expect(state).not.toBeNull();
      const rest: string[] = [];
      for await (const m of open().read(stream, state, { pageSize })) if (m.type === 'record') rest.push(m.key);
      expect(first.length).toBeGreaterThan(0);
      expect([...first, ...rest].sort()).toEqual(expected);

      let after: Record<string, unknown> | null = null;
      for await (const m of open().read(stream, null, { pageSize })) if (m.type === 'checkpoint') after = m.state;
      const again: string[] = [];
      for await (const m of open().read(stream, after, { pageSize })) if (m.type === 'record') again.push(m.key);
      expect(again).toEqual([]);
    });

    itWrite('does not duplicate a write retried after a lost response', async () => {
      if (!env.write) throw new Error('features.write is set but setup() returned no write section');
      const before = await env.write.count();
      await control(env.controlUrl, '/_sandbox/faults', 'POST', { path: env.write.path, lostResponseRate: 1, count: 1 });
      const inst = open({ retry: { retries: 3, minDelayMs: 10, maxDelayMs: 50 } });
      const err = await caught(env.write.perform(inst));
      if (err !== undefined) {
        // The connector refused to replay an ambiguous write: it must say so as a transient error.
        expect(err).toBeInstanceOf(TransientError);
        expect(await env.write.count()).toBe(before + 1);
        // The engine's retry: the same write again must not create a second record where the system can dedupe.
        if ((err as TransientError).code !== 'AMBIGUOUS_WRITE') {
          await env.write.perform(inst);
          expect(await env.write.count()).toBe(before + 1);
        }
        return;
      }
      expect(await env.write.count()).toBe(before + 1);
      await env.write.perform(inst);
      expect(await env.write.count()).toBe(before + 1);
    });

    const modes: Array<{ name: string; fault: Record<string, unknown>; check: (e: unknown) => void; timeoutMs?: number }> = [
      { name: '500', fault: { rate5xx: 1, status5xx: 500 }, check: (e) => expect((e as TransientError).status).toBe(500) },
      { name: '503 with Retry-After', fault: { rate5xx: 1, status5xx: 503, retryAfterS: 2 }, check: (e) => expect((e as TransientError).retryAfterMs).toBe(2000) },
      { name: '429 with Retry-After', fault: { rate429: 1, retryAfterS: 1 }, check: (e) => expect((e as TransientError).retryAfterMs).toBe(1000) },
      { name: 'connection reset', fault: { resetRate: 1 }, check: () => {} },
      { name: 'lost response', fault: { lostResponseRate: 1 }, check: () => {} },
      { name: 'latency beyond the timeout', fault: { latencyMs: 1500 }, check: (e) => expect((e as TransientError).code).toBe('TIMEOUT'), timeoutMs: 300 },
    ];
    for (const mode of modes) {
      it(`classifies the sandbox fault "${mode.name}" as transient`, async () => {
        await control(env.controlUrl, '/_sandbox/faults', 'POST', { path: env.faultPath, count: 1, ...mode.fault });
        const err = await caught(env.probe(open({ retry: noRetry, timeoutMs: mode.timeoutMs })));
        expect(isIntegrationError(err)).toBe(true);
        expect(err).toBeInstanceOf(TransientError);
        mode.check(err);
      });
    }

    it('recovers from a transient fault by retrying', async () => {
      await control(env.controlUrl, '/_sandbox/faults', 'POST', { path: env.faultPath, count: 2, rate5xx: 1, status5xx: 502 });
      await expect(env.probe(open({ retry: { retries: 3, minDelayMs: 10, maxDelayMs: 50 } }))).resolves.not.toThrow();
    });

    it('sends nothing on a credential inside its Retry-After window, across instances', async () => {
      const sends: number[] = [];
      const recording: FetchLike = async (url, init) => {
        if (new URL(url).pathname.startsWith(env.faultPath)) sends.push(Date.now());
        return fetch(url, init);
      };
      const limiters = new LimiterRegistry();
      await control(env.controlUrl, '/_sandbox/faults', 'POST', { path: env.faultPath, count: 1, rate429: 1, retryAfterS: 1 });
      const a = connector.open(env.config, { limiters, fetch: recording, retry: noRetry });
      const b = connector.open(env.config, { limiters, fetch: recording, retry: noRetry });
      const err = await caught(env.probe(a));
      const at429 = Date.now();
      expect(err).toBeInstanceOf(TransientError);
      await Promise.all([env.probe(a), env.probe(b)]);
      const later = sends.slice(1);
      expect(later.length).toBeGreaterThanOrEqual(2);
      for (const t of later) expect(t - at429).toBeGreaterThanOrEqual(900);
    });
  });
}

/** A config change that must fail validation, per connector shape. */
function badField(config: unknown): Record<string, unknown> {
  const c = config as Record<string, unknown>;
  if ('baseUrl' in c) return { baseUrl: 'not a url' };
  if ('baseUrls' in c) return { baseUrls: [] };
  return { __invalid: true };
}
