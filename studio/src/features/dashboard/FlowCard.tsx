'use client';

import { StatusBadge } from '@/components/ui';
import { duration, humanize, timeAgo } from '@/lib/format';
import { RunProgress } from '@/features/runs/RunProgress';
import { isActive, type Run } from '@/features/runs/runs.gql';

export type FlowState = {
  flow: string;
  enabled: boolean;
  intervalSeconds: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
  /** HEALTHY | DEGRADED | FAILING | DISABLED | UNKNOWN, or derived from the last run. */
  health: string;
  healthReason: string | null;
  lastRun: Run | null;
};

const FLOW_TEXT: Record<string, string> = {
  catalog: 'Products and prices from the ERP to the marketplace',
  stock: 'Stock levels to the marketplace, minus buffers and open orders',
  orders: 'Marketplace orders into the ERP, exactly once',
  invoices: 'Invoice PDFs from the ERP',
  tracking: 'AWB and tracking from the courier to the marketplace',
  returns: 'Cancellations, refunds and returns back to the ERP',
};

export function FlowCard(props: { state: FlowState; now: number; canRun: boolean; running: boolean; onRunNow: () => void; runError?: string | null }) {
  const { state, now } = props;
  const run = state.lastRun;
  const active = !!run && isActive(run.status);
  // The scheduled time, or (when that is already past) one interval after the last run.
  const scheduled = state.nextRunAt ? new Date(state.nextRunAt).getTime() : null;
  const fromLast = state.lastRunAt ? new Date(state.lastRunAt).getTime() + state.intervalSeconds * 1000 : null;
  const nextAt = scheduled && scheduled > now ? scheduled : fromLast && fromLast > now ? fromLast : scheduled ?? fromLast;
  const next = nextAt ? (nextAt - now) / 1000 : null;
  return (
    <section className="card stack" aria-labelledby={`flow-${state.flow}-title`} data-testid={`flow-card-${state.flow}`} data-health={state.health}>
      <div className="row">
        <h2 id={`flow-${state.flow}-title`} style={{ margin: 0 }}>
          {humanize(state.flow)}
        </h2>
        <StatusBadge status={state.enabled ? state.health : 'DISABLED'} label={state.enabled ? undefined : 'Switched off'} />
        <span className="spacer" />
        {props.canRun ? (
          <button type="button" onClick={props.onRunNow} disabled={props.running || active || !state.enabled} data-testid={`run-now-${state.flow}`}>
            {active ? 'Running…' : props.running ? 'Starting…' : 'Run now'}
          </button>
        ) : null}
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        {FLOW_TEXT[state.flow] ?? ''}
      </p>
      {state.healthReason ? <div className="alert warn small">{state.healthReason}</div> : null}
      {props.runError ? (
        <div className="alert error small" role="alert">
          {props.runError}
        </div>
      ) : null}
      {run ? <RunProgress run={run} now={now} /> : <p className="muted small">No run yet.</p>}
      <div className="muted small" data-testid={`next-heartbeat-${state.flow}`}>
        {!state.enabled
          ? 'Not scheduled.'
          : next === null
            ? `Runs every ${duration(state.intervalSeconds)}.`
            : next <= 0
              ? 'Next heartbeat: due now.'
              : `Next heartbeat in ${duration(next)} (every ${duration(state.intervalSeconds)}).`}
        {state.lastRunAt ? ` Last run ${timeAgo(state.lastRunAt, now)}.` : ''}
      </div>
    </section>
  );
}
