'use client';

import Link from 'next/link';
import { ProgressBar, StatusBadge } from '@/components/ui';
import { formatNumber, humanize, timeAgo } from '@/lib/format';
import { isActive, type Run } from './runs.gql';

/** A run's live state: status, stage, progress bar and counts. */
export function RunProgress({ run, now }: { run: Run; now: number }) {
  const active = isActive(run.status);
  return (
    <div className="stack" style={{ gap: 6 }} data-testid={`run-${run.id}`} data-run-status={run.status}>
      <div className="row">
        <StatusBadge status={run.status} />
        <Link href={`/runs/${run.id}`} className="small">
          {humanize(run.flow)} run · {humanize(run.trigger)}
        </Link>
        <span className="spacer" />
        <span className="muted small">{active ? `started ${timeAgo(run.startedAt ?? run.createdAt, now)}` : `finished ${timeAgo(run.finishedAt, now)}`}</span>
      </div>
      {active ? (
        <>
          <ProgressBar done={run.progressDone} total={run.progressTotal} label={`${humanize(run.flow)} run progress`} />
          <div className="muted small" aria-live="polite">
            {run.stage ? `${humanize(run.stage.split('.').pop())} · ` : ''}
            {formatNumber(run.progressDone)}
            {run.progressTotal ? ` of ${formatNumber(run.progressTotal)}` : ''} records
          </div>
        </>
      ) : null}
      <div className="row small" data-testid="run-counts">
        <span>Read {formatNumber(run.countRead)}</span>
        <span>· Created {formatNumber(run.countCreated)}</span>
        <span>· Updated {formatNumber(run.countUpdated)}</span>
        <span>· Unchanged {formatNumber(run.countSkipped)}</span>
        <span style={run.countFailed ? { color: 'var(--bad)', fontWeight: 600 } : undefined}>· Failed {formatNumber(run.countFailed)}</span>
      </div>
      {run.errorMessage ? <div className="alert error small">{run.errorMessage}</div> : null}
    </div>
  );
}
