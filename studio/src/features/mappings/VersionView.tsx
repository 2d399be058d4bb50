'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { diffRules, MARKETS } from './content';
import { MAPPING_QUERY, type MappingDetail } from './mappings.gql';

/** One version, read-only, with what differs from the live version. */
export function VersionView({ mappingId, number }: { mappingId: string; number: number }) {
  const [{ data, error, fetching }] = useQuery<{ mapping: MappingDetail | null }>({ query: MAPPING_QUERY, variables: { id: mappingId } });
  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading />;
  const m = data?.mapping;
  const v = m?.versions.find((x) => x.number === number);
  if (!m || !v) return <Empty title="This version does not exist or you cannot see it." />;
  const live = m.publishedVersion;
  const diff = live && live.id !== v.id ? diffRules(live.content, v.content) : [];
  return (
    <div className="stack">
      <PageHead
        title={`${m.name} — v${v.number}`}
        subtitle={<>By {v.author?.name ?? 'unknown'} · created {formatDateTime(v.createdAt)}{v.publishedAt ? ` · published ${formatDateTime(v.publishedAt)}${v.publishedBy ? ` by ${v.publishedBy.name}` : ''}` : ''} · <Link href={`/mappings/${mappingId}`}>Back to the mapping</Link></>}
        actions={<StatusBadge status={v.status} label={live?.id === v.id ? 'Published (live)' : undefined} />}
      />
      {v.note ? <div className="alert info">{v.note}</div> : null}
      {live && live.id !== v.id ? (
        <section className="card">
          <h2>Differences from the live version v{live.number}</h2>
          {diff.length === 0 ? <Empty title="Same rules as the live version" /> : (
            <table className="data" data-testid="version-diff">
              <thead><tr><th>Where</th><th>Field</th><th>Live v{live.number}</th><th>v{v.number}</th></tr></thead>
              <tbody>
                {diff.map((d, i) => (
                  <tr key={i}><td>{d.where}</td><td><code>{d.target}</code></td><td><code className="small diff-down">{d.before ?? '—'}</code></td><td><code className="small diff-up">{d.after ?? '—'}</code></td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      <section className="card">
        <h2>Rules</h2>
        <table className="data">
          <thead><tr><th>Where</th><th>Field</th><th>Expression</th></tr></thead>
          <tbody>
            {v.content.rules.map((r) => <tr key={`all-${r.target}`}><td>All markets</td><td><code>{r.target}</code></td><td><code className="small">{r.expression}</code></td></tr>)}
            {MARKETS.flatMap((mk) => (v.content.marketOverrides?.[mk] ?? []).map((r) => <tr key={`${mk}-${r.target}`}><td>{mk} only</td><td><code>{r.target}</code></td><td><code className="small">{r.expression}</code></td></tr>))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
