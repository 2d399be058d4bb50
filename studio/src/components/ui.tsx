'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { plainError } from '@/lib/errors';
import { duration } from '@/lib/format';

export function ErrorMessage({ error, title }: { error: CombinedError | Error | string | null | undefined; title?: string }) {
  const text = typeof error === 'string' ? error : plainError(error ?? null);
  if (!text) return null;
  return (
    <div className="alert error" role="alert" data-testid="error-message">
      {title ? <strong>{title}: </strong> : null}
      {text}
    </div>
  );
}

export function Empty({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId ?? 'empty-state'}>
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="muted" role="status" aria-live="polite">
      {label}
    </div>
  );
}

const TONES: Record<string, 'ok' | 'warn' | 'bad' | 'info' | ''> = {
  SUCCEEDED: 'ok', OK: 'ok', HEALTHY: 'ok', PUBLISHED: 'ok', SHIPPED: 'ok', FULFILLED: 'ok', RESOLVED: 'ok', FOR_SALE: 'ok',
  RUNNING: 'info', QUEUED: 'info', DRAFT: 'info', RETRIED: 'info', ACCEPTED: 'info', CREATED: 'info', RECEIVED: 'info',
  PARTIAL: 'warn', DEGRADED: 'warn', WARNING: 'warn', UNCHECKED: 'warn', PAUSED: 'warn', AT_RISK: 'warn', ARCHIVED: '',
  FAILED: 'bad', FAILING: 'bad', ERROR: 'bad', CANCELLED: 'bad', OVERDUE: 'bad', DISABLED: '',
};

export function StatusBadge({ status, label }: { status: string | null | undefined; label?: string }) {
  const key = (status ?? '').toUpperCase().replace(/[\s-]+/g, '_');
  const tone = TONES[key] ?? '';
  const text = label ?? (status ? status.charAt(0).toUpperCase() + status.slice(1).toLowerCase().replace(/_/g, ' ') : '—');
  return (
    <span className={`badge ${tone}`} data-status={key}>
      {text}
    </span>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number | null | undefined; label: string }) {
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div
      className={`progress${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={pct === null ? undefined : done}
    >
      <span style={{ width: `${pct ?? 30}%` }} />
    </div>
  );
}

/** Re-renders every `ms` so relative times and countdowns stay current. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function Countdown({ to, overdueText = 'overdue' }: { to: string | null | undefined; overdueText?: string }) {
  const now = useNow(1000);
  if (!to) return <span className="muted">—</span>;
  const left = (new Date(to).getTime() - now) / 1000;
  if (left <= 0) return <span className="badge bad">{overdueText} by {duration(-left)}</span>;
  const tone = left < 12 * 3600 ? 'bad' : left < 24 * 3600 ? 'warn' : 'ok';
  return (
    <span className={`badge ${tone}`} data-testid="countdown">
      {duration(left)} left
    </span>
  );
}

/** Native <dialog> confirmation: focus-trapped and Escape-closable by the browser. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} className="modal" onCancel={props.onCancel} aria-labelledby="confirm-title" data-testid="confirm-dialog">
      <h2 id="confirm-title">{props.title}</h2>
      <div className="stack">{props.children}</div>
      <div className="row" style={{ justifyContent: 'flex-end', marginTop: 16 }}>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          onClick={props.onConfirm}
          disabled={props.busy}
          data-testid="confirm-button"
        >
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function PageHead({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p>{subtitle}</p> : null}
      </div>
      {actions ? <div className="row">{actions}</div> : null}
    </div>
  );
}
