'use client';

import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';

export type TimelineStep = {
  key: string;
  label: string;
  at: string | null | undefined;
  detail?: ReactNode;
  /** A step that does not apply (e.g. "returned" for a normal order) is shown muted. */
  optional?: boolean;
};

/** received → ERP order → accepted → invoiced → AWB → shipped → returned. */
export function OrderTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <ol className="timeline" aria-label="Order timeline" data-testid="order-timeline">
      {steps.map((s) => {
        const done = !!s.at;
        if (s.optional && !done) return null;
        return (
          <li key={s.key} data-done={done} data-testid={`timeline-${s.key}`} data-step-done={done ? 'true' : 'false'}>
            <span className="dot" aria-hidden="true">
              {done ? '✓' : ''}
            </span>
            <div>
              <div className="title">
                <strong>{s.label}</strong>{' '}
                <span className="muted small">{done ? formatDateTime(s.at) : 'not yet'}</span>
              </div>
              {s.detail ? <div className="small">{s.detail}</div> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
