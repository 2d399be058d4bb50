'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ConfirmDialog, Empty, StatusBadge } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { outcome } from '@/lib/result';
import { diffRules } from './content';
import { ROLLBACK_MAPPING, type Version } from './mappings.gql';

/** Every version with its author; roll back = publish an older version again, after confirming. */
export function VersionHistory(props: { mappingId: string; versions: Version[]; published: Version | null; canPublish: boolean; onDone: (message: string) => void }) {
  const [target, setTarget] = useState<Version | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, rollback] = useMutation(ROLLBACK_MAPPING);
  const versions = [...props.versions].sort((a, b) => b.number - a.number);
  if (versions.length === 0) return <Empty title="No versions yet" />;

  async function confirm() {
    if (!target) return;
    const res = await rollback({ mappingId: props.mappingId, toVersionId: target.id });
    const o = outcome(res.error, (res.data as { rollbackMapping?: never } | undefined)?.rollbackMapping);
    if (!o.ok) return setProblem(o.message);
    const n = target.number;
    setTarget(null);
    props.onDone(`Version ${n} is published again. The next run uses it.`);
  }
  const changes = target && props.published ? diffRules(props.published.content, target.content) : [];

  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="data" data-testid="version-history">
          <thead><tr><th>Version</th><th>Status</th><th>Author</th><th>Created</th><th>Published</th><th>Note</th><th /></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid={`version-row-${v.number}`} data-status={v.status}>
                <td><Link href={`/mappings/${props.mappingId}/versions/${v.number}`}>v{v.number}</Link></td>
                <td><StatusBadge status={v.status} label={v.id === props.published?.id ? 'Published (live)' : undefined} /></td>
                <td>{v.author?.name ?? '—'}</td>
                <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                <td className="nowrap">{v.publishedAt ? `${formatDateTime(v.publishedAt)}${v.publishedBy ? ` by ${v.publishedBy.name}` : ''}` : '—'}</td>
                <td className="small">{v.note ?? ''}</td>
                <td>
                  {props.canPublish && v.status !== 'DRAFT' && v.id !== props.published?.id ? (
                    <button type="button" onClick={() => { setProblem(null); setTarget(v); }} data-testid={`rollback-${v.number}`}>
                      Roll back to v{v.number}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={!!target}
        title={`Roll back to version ${target?.number ?? ''}?`}
        confirmLabel={`Publish v${target?.number ?? ''} again`}
        danger
        busy={state.fetching}
        onCancel={() => setTarget(null)}
        onConfirm={confirm}
      >
        <p>The next run of every flow that uses this mapping will use version {target?.number}. Version {props.published?.number} stays in the history.</p>
        {changes.length ? (
          <ul className="small">
            {changes.slice(0, 8).map((c, i) => <li key={i}>{c.where}: <code>{c.target}</code> changes</li>)}
            {changes.length > 8 ? <li>and {changes.length - 8} more</li> : null}
          </ul>
        ) : null}
        {problem ? <div className="alert error" role="alert">{problem}</div> : null}
      </ConfirmDialog>
    </div>
  );
}
