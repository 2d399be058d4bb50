/**
 * The SyncRun state machine (queued → running → succeeded | partial | failed;
 * running → queued on a graceful shutdown) and the reporter that keeps counters,
 * items, heartbeat and events of one running run.
 */
import type { FlowId, IntegrationError, RunStatus, RunTrigger } from '@megzo/domain';
import type { Db } from './db.ts';
import type { Clock, Counter, EventPort, ItemInput, Logger, RunPort } from './context.ts';
import { excerpt } from './redact.ts';

type DbStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';
export const toDbStatus = (s: RunStatus): DbStatus => s.toUpperCase() as DbStatus;
export const fromDbStatus = (s: string): RunStatus => s.toLowerCase() as RunStatus;

/** Legal transitions. Anything else is refused (the caller lost a race). */
const TRANSITIONS: Record<RunStatus, RunStatus[]> = {
  queued: ['running', 'cancelled'],
  running: ['succeeded', 'partial', 'failed', 'queued', 'cancelled'],
  succeeded: [],
  partial: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface RunKey {
  tenantId: string;
  integrationId: string;
  flow: FlowId;
}

export async function createQueuedRun(db: Db, key: RunKey, trigger: RunTrigger) {
  return db.syncRun.create({ data: { ...key, trigger, status: 'QUEUED' } });
}

export async function findQueuedRun(db: Db, integrationId: string, flow: FlowId) {
  return db.syncRun.findFirst({ where: { integrationId, flow, status: 'QUEUED' }, orderBy: { createdAt: 'asc' } });
}

/** Moves a run from `from` to `to` only if it is still in `from`; returns false when it was not. */
export async function transition(
  db: Db,
  runId: string,
  from: RunStatus,
  to: RunStatus,
  data: Record<string, unknown> = {},
): Promise<boolean> {
  if (!canTransition(from, to)) throw new Error(`illegal run transition ${from} → ${to}`);
  const r = await db.syncRun.updateMany({ where: { id: runId, status: toDbStatus(from) }, data: { ...data, status: toDbStatus(to) } });
  return r.count === 1;
}

export interface ReporterDeps {
  db: Db;
  events: EventPort;
  clock: Clock;
  log: Logger;
  /** Minimum gap between two progress events of the same run. */
  progressThrottleMs?: number;
}

interface RunRow {
  id: string;
  tenantId: string;
  integrationId: string;
  flow: FlowId;
  trigger: RunTrigger;
  mappingVersionId: string | null;
  startedAt: Date | null;
}

/** Implements RunPort: buffers items and counters and flushes them on checkpoint. */
export class RunReporter implements RunPort {
  readonly id: string;
  readonly tenantId: string;
  readonly integrationId: string;
  readonly flow: FlowId;
  readonly trigger: RunTrigger;
  readonly date: string;
  mappingVersionId: string | null;
  stage: string | null = null;
  readonly counters: Record<Counter, number> = { read: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  private flushed: Record<Counter, number> = { read: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  private total: number | null = null;
  private done = 0;
  private pending: ItemInput[] = [];
  private okKeys = new Set<string>();
  private lastProgressEvent = 0;
  private readonly throttleMs: number;

  constructor(
    private readonly deps: ReporterDeps,
    row: RunRow,
  ) {
    this.id = row.id;
    this.tenantId = row.tenantId;
    this.integrationId = row.integrationId;
    this.flow = row.flow;
    this.trigger = row.trigger;
    this.mappingVersionId = row.mappingVersionId;
    this.date = (row.startedAt ?? deps.clock.now()).toISOString().slice(0, 10);
    this.throttleMs = deps.progressThrottleMs ?? 1000;
  }

  async pinMapping(versionId: string): Promise<void> {
    this.mappingVersionId = versionId;
    await this.deps.db.syncRun.update({ where: { id: this.id }, data: { mappingVersionId: versionId } });
  }

  count(counter: Counter, n = 1): void {
    this.counters[counter] += n;
  }

  setTotal(total: number | null): void {
    this.total = total;
  }

  progress(done: number): void {
    this.done = done;
  }

  item(input: ItemInput): void {
    this.pending.push(input);
    if (input.status === 'OK') this.okKeys.add(input.recordKey);
    if (this.pending.length >= 500) void this.flushItems().catch((e) => this.deps.log.error({ err: e }, 'item flush failed'));
  }

  private async flushItems(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    await this.deps.db.syncRunItem.createMany({
      data: batch.map((i) => ({
        runId: this.id,
        recordKey: i.recordKey,
        action: i.action,
        status: i.status,
        errorCategory: i.error?.category ?? null,
        errorCode: i.error?.code ?? null,
        message: i.error ? i.error.message : null,
        payloadExcerpt: (i.payload === undefined ? undefined : (excerpt(i.payload) as object)) ?? undefined,
      })),
    });
  }

  async setStage(stage: string): Promise<void> {
    this.stage = stage;
    await this.deps.db.syncRun.update({ where: { id: this.id }, data: { stage, heartbeatAt: this.deps.clock.now() } });
    await this.publish('running');
  }

  async checkpoint(): Promise<void> {
    await this.flushItems();
    // Settled as we go, so a 100 000-record run keeps no per-record state in memory.
    if (this.okKeys.size >= 1000) await this.settleRetriedItems();
    const delta = Object.fromEntries(
      (Object.keys(this.counters) as Counter[]).map((k) => [k, this.counters[k] - this.flushed[k]]),
    ) as Record<Counter, number>;
    this.flushed = { ...this.counters };
    await this.deps.db.syncRun.update({
      where: { id: this.id },
      data: {
        heartbeatAt: this.deps.clock.now(),
        progressTotal: this.total,
        progressDone: this.done,
        countRead: { increment: delta.read },
        countCreated: { increment: delta.created },
        countUpdated: { increment: delta.updated },
        countSkipped: { increment: delta.skipped },
        countFailed: { increment: delta.failed },
      },
    });
    const now = Date.now();
    if (now - this.lastProgressEvent >= this.throttleMs) {
      this.lastProgressEvent = now;
      await this.publish('running');
    }
  }

  /** Failed items of earlier runs whose record succeeded now become RETRIED. */
  async settleRetriedItems(): Promise<void> {
    const keys = [...this.okKeys];
    this.okKeys.clear();
    for (let i = 0; i < keys.length; i += 1000) {
      await this.deps.db.syncRunItem.updateMany({
        where: {
          status: 'FAILED',
          recordKey: { in: keys.slice(i, i + 1000) },
          runId: { not: this.id },
          run: { integrationId: this.integrationId, flow: this.flow },
        },
        data: { status: 'RETRIED' },
      });
    }
  }

  async finish(status: RunStatus, error?: IntegrationError): Promise<void> {
    await this.checkpoint();
    if (status !== 'queued') await this.settleRetriedItems();
    const now = this.deps.clock.now();
    const ok = await transition(this.deps.db, this.id, 'running', status, {
      finishedAt: status === 'queued' ? null : now,
      heartbeatAt: now,
      error: error ? (error.toJSON() as object) : undefined,
      ...(status === 'queued' ? { workerId: null } : {}),
    });
    if (!ok) this.deps.log.warn({ runId: this.id, status }, 'run was no longer running when it finished');
    await this.publish(status);
  }

  async publish(status: RunStatus): Promise<void> {
    try {
      await this.deps.events.publish('syncRunUpdated', {
        tenantId: this.tenantId,
        integrationId: this.integrationId,
        runId: this.id,
        flow: this.flow,
        status,
        stage: this.stage,
      });
    } catch (e) {
      this.deps.log.warn({ err: e, runId: this.id }, 'event publish failed');
    }
  }
}

/** Marks items resolved by a user (kept, no longer listed as open failures). */
export async function resolveItems(db: Db, itemIds: string[], userId: string | null): Promise<number> {
  const r = await db.syncRunItem.updateMany({
    where: { id: { in: itemIds }, status: 'FAILED' },
    data: { status: 'RESOLVED', resolvedAt: new Date(), resolvedById: userId },
  });
  return r.count;
}
