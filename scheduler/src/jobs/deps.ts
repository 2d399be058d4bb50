/** What the job handlers share (one per scheduler process). */
import type { Agenda } from 'agenda';
import type { FlowId } from '@megzo/domain';
import type { Clock, EventPort, FlowDefinition, FlowOptions, Logger } from '../engine/context.ts';
import type { Db } from '../engine/db.ts';
import type { ConnectorFactory } from '../engine/integration.ts';
import type { LockManager } from '../engine/locks.ts';

export interface JobDeps {
  agenda: Agenda;
  db: Db;
  locks: LockManager;
  factory: ConnectorFactory;
  events: EventPort;
  clock: Clock;
  log: Logger;
  flows: Partial<Record<FlowId, FlowDefinition<unknown>>>;
  flowOptions: FlowOptions;
  workerId: string;
  /** Aborted when the process shuts down. */
  signal: AbortSignal;
  runHeartbeatMs: number;
  staleRunMs: number;
  defaultIntervalSeconds: number;
  jitter: number;
  crashAfterStep?: string;
}
