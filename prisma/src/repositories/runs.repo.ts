/**
 * SyncRun rows and their items. The status moves only along the guarded state machine
 * QUEUED → RUNNING → SUCCEEDED | PARTIAL | FAILED (plus CANCELLED, and RUNNING → QUEUED
 * for a requeue), and every move is a conditional UPDATE, so of two racing workers
 * exactly one wins.
 */
import type { FlowId, RunStatus as DomainRunStatus, RunTrigger } from '@megzo/domain';
import type { Db, Prisma, RunStatus, SyncRun, SyncRunItem } from '../client.ts';
import { ConflictError, jsonOrNull, NotFoundError } from './errors.ts';

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  QUEUED: ['RUNNING', 'CANCELLED'],
  RUNNING: ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED', 'QUEUED'],
  SUCCEEDED: [],
  PARTIAL: [],
  FAILED: [],
  CANCELLED: [],
};

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'];

export const toDbRunStatus = (s: DomainRunStatus): RunStatus => s.toUpperCase() as RunStatus;
export const toDomainRunStatus = (s: RunStatus): DomainRunStatus => s.toLowerCase() as DomainRunStatus;

export interface CreateRunInput {
  tenantId: string;
  integrationId: string;
  flow: FlowId;
  trigger: RunTrigger;
  mappingVersionId?: string | null;
}

export async function createRun(db: Db, input: CreateRunInput): Promise<SyncRun> {
  return db.syncRun.create({ data: { ...input, status: 'QUEUED' } });
}

export interface TransitionPatch {
  workerId?: string | null;
  stage?: string | null;
  mappingVersionId?: string | null;
  /** IntegrationError.toJSON() of the failure that ended the run. */
  error?: Record<string, unknown> | null;
  retryAfter?: Date | null;
}

/**
 * Move run `id` to `to` if its current status allows it. Timestamps follow the move:
 * RUNNING sets startedAt/heartbeatAt, a terminal status sets finishedAt, QUEUED clears
 * the worker. Throws ConflictError (field 'status') when the move is not allowed from
 * the run's current status (another worker won, or the run is finished).
 */
export async function transitionRun(db: Db, id: string, to: RunStatus, patch: TransitionPatch = {}, now = new Date()): Promise<SyncRun> {
  const from = (Object.keys(RUN_TRANSITIONS) as RunStatus[]).filter((s) => RUN_TRANSITIONS[s].includes(to));
  const data: Prisma.SyncRunUncheckedUpdateManyInput = { status: to };
  if (patch.workerId !== undefined) data.workerId = patch.workerId;
  if (patch.stage !== undefined) data.stage = patch.stage;
  if (patch.mappingVersionId !== undefined) data.mappingVersionId = patch.mappingVersionId;
  if (patch.error !== undefined) data.error = jsonOrNull(patch.error);
  if (patch.retryAfter !== undefined) data.retryAfter = patch.retryAfter;
  if (to === 'RUNNING') {
    data.startedAt = now;
    data.heartbeatAt = now;
    data.finishedAt = null;
  } else if (to === 'QUEUED') {
    data.workerId = patch.workerId ?? null;
    data.heartbeatAt = null;
  } else {
    data.finishedAt = now;
  }
  const r = await db.syncRun.updateMany({ where: { id, status: { in: from } }, data });
  const row = await db.syncRun.findUnique({ where: { id } });
  if (!row) throw new NotFoundError('SyncRun', 'id', id);
  if (r.count === 0) {
    throw new ConflictError(`run ${id} is ${row.status}; it cannot move to ${to}`, 'status', 'RUN_TRANSITION');
  }
  return row;
}

/** Mark a RUNNING run alive (and optionally its stage/progress). False if it is no longer RUNNING. */
export async function heartbeatRun(
  db: Db,
  id: string,
  opts: { workerId?: string; stage?: string; progressTotal?: number | null; progressDone?: number } = {},
  now = new Date(),
): Promise<boolean> {
  const r = await db.syncRun.updateMany({
    where: { id, status: 'RUNNING', ...(opts.workerId ? { workerId: opts.workerId } : {}) },
    data: {
      heartbeatAt: now,
      ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
      ...(opts.progressTotal !== undefined ? { progressTotal: opts.progressTotal } : {}),
      ...(opts.progressDone !== undefined ? { progressDone: opts.progressDone } : {}),
    },
  });
  return r.count === 1;
}

export interface RunCounters {
  read?: number;
  created?: number;
  updated?: number;
  skipped?: number;
  failed?: number;
  done?: number;
}

/** Add to the run's counters atomically (concurrent steps may report at once). */
export async function incrementRunCounters(db: Db, id: string, c: RunCounters): Promise<void> {
  for (const [k, v] of Object.entries(c)) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new RangeError(`counter ${k} must be a non-negative integer, got ${v}`);
  }
  await db.syncRun.update({
    where: { id },
    data: {
      countRead: { increment: c.read ?? 0 },
      countCreated: { increment: c.created ?? 0 },
      countUpdated: { increment: c.updated ?? 0 },
      countSkipped: { increment: c.skipped ?? 0 },
      countFailed: { increment: c.failed ?? 0 },
      progressDone: { increment: c.done ?? 0 },
    },
  });
}

/** Record a throttle (429/5xx) on the run: counter up, retryAfter set. */
export async function recordThrottle(db: Db, id: string, retryAfter: Date | null): Promise<SyncRun> {
  return db.syncRun.update({ where: { id }, data: { throttleFailureCount: { increment: 1 }, retryAfter } });
}

/** RUNNING runs whose heartbeat is older than `olderThan` (for stale-run recovery). */
export async function listStaleRuns(db: Db, olderThan: Date): Promise<SyncRun[]> {
  return db.syncRun.findMany({
    where: { status: 'RUNNING', OR: [{ heartbeatAt: { lt: olderThan } }, { heartbeatAt: null }] },
    orderBy: { heartbeatAt: 'asc' },
  });
}

export interface RunItemInput {
  recordKey: string;
  action: string;
  status: 'OK' | 'FAILED';
  errorCategory?: string | null;
  errorCode?: string | null;
  message?: string | null;
  /** Already redacted of personal data by the caller. */
  payloadExcerpt?: unknown;
}

export async function addRunItems(db: Db, runId: string, items: readonly RunItemInput[]): Promise<number> {
  if (items.length === 0) return 0;
  items.forEach((it, i) => {
    if (!it.recordKey) throw new RangeError(`items[${i}].recordKey must not be empty`);
  });
  const r = await db.syncRunItem.createMany({
    data: items.map((it) => ({
      runId,
      recordKey: it.recordKey,
      action: it.action,
      status: it.status,
      errorCategory: it.errorCategory ?? null,
      errorCode: it.errorCode ?? null,
      message: it.message ?? null,
      payloadExcerpt: jsonOrNull(it.payloadExcerpt),
    })),
  });
  return r.count;
}

/**
 * Mark FAILED items as RETRIED (their attempts go up) and return them, so a retry run
 * can process their record keys. Items already retried or resolved are left alone.
 */
export async function markItemsRetried(db: Db, itemIds: readonly string[], opts: { tenantId?: string } = {}): Promise<SyncRunItem[]> {
  const where: Prisma.SyncRunItemWhereInput = {
    id: { in: [...itemIds] },
    status: 'FAILED',
    ...(opts.tenantId ? { run: { tenantId: opts.tenantId } } : {}),
  };
  const items = await db.syncRunItem.findMany({ where });
  if (items.length === 0) return [];
  await db.syncRunItem.updateMany({ where: { id: { in: items.map((i) => i.id) }, status: 'FAILED' }, data: { status: 'RETRIED', attempts: { increment: 1 } } });
  return db.syncRunItem.findMany({ where: { id: { in: items.map((i) => i.id) } } });
}

/** A person marks a FAILED item resolved (handled by hand). ConflictError if it is not FAILED. */
export async function resolveItem(db: Db, itemId: string, resolvedById: string | null, opts: { tenantId?: string } = {}, now = new Date()): Promise<SyncRunItem> {
  const r = await db.syncRunItem.updateMany({
    where: { id: itemId, status: 'FAILED', ...(opts.tenantId ? { run: { tenantId: opts.tenantId } } : {}) },
    data: { status: 'RESOLVED', resolvedById, resolvedAt: now },
  });
  const item = await db.syncRunItem.findFirst({ where: { id: itemId, ...(opts.tenantId ? { run: { tenantId: opts.tenantId } } : {}) } });
  if (!item) throw new NotFoundError('SyncRunItem', 'id', itemId);
  if (r.count === 0) throw new ConflictError(`run item ${itemId} is ${item.status}; only FAILED items can be resolved`, 'status', 'ITEM_NOT_FAILED');
  return item;
}
