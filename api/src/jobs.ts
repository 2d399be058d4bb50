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
  // Connected on first use: API processes that never enqueue hold no job connections.
  let state: { agenda: Agenda; pool: pg.Pool } | undefined;
  const open = () => {
    if (!state) {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
      pool.on('error', () => undefined);
      const agenda = new Agenda({ backend: new PostgresBackend({ pool, tableName: AGENDA_TABLE }), name: 'megzo-api' });
      state = { agenda, pool };
    }
    return state.agenda;
  };
  return {
    async enqueueRunFlow(payload, opts) {
      const data = { ...RunFlowPayload.parse(payload), uniqueKey: runFlowUniqueKey(payload) };
      const agenda = open();
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
      if (!state) return;
      const { agenda, pool } = state;
      state = undefined;
      const ready = (agenda as unknown as { ready: Promise<void> }).ready;
      await Promise.race([ready, new Promise((r) => setTimeout(r, 2_000).unref())]);
      await agenda.stop(false).catch(() => undefined);
      await pool.end();
    },
  };
}
