/**
 * Enqueueing for the scheduler. The API only creates Agenda jobs (JOB_RUN_FLOW in
 * AGENDA_TABLE on the same database); it never defines or processes them.
 */
import { Agenda } from 'agenda';
import pg from 'pg';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { AGENDA_TABLE, JOB_RUN_FLOW, RunFlowPayload, runFlowUniqueKey } from '@megzo/domain';

export interface JobQueue {
  /**
   * Enqueue one flow run now. With `coalesce`, a run of the same integration and flow
   * that is still waiting absorbs this one (wake-ups), so bursts cause one run.
   */
  enqueueRunFlow(payload: RunFlowPayload, opts?: { coalesce?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export function createAgendaQueue(databaseUrl: string): JobQueue {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  const agenda = new Agenda({
    backend: new PostgresBackend({ pool, tableName: AGENDA_TABLE }),
    name: 'megzo-api',
  });
  return {
    async enqueueRunFlow(payload, opts) {
      const data = { ...RunFlowPayload.parse(payload), uniqueKey: runFlowUniqueKey(payload) };
      if (opts?.coalesce) {
        await agenda
          .create(JOB_RUN_FLOW, data)
          .unique({ 'data.uniqueKey': data.uniqueKey, 'data.trigger': data.trigger })
          .schedule(new Date())
          .save();
      } else {
        await agenda.now(JOB_RUN_FLOW, data);
      }
    },
    async close() {
      await agenda.stop(false);
      await pool.end();
    },
  };
}
