'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { formatDateTime, humanize } from '@/lib/format';
import { MAPPINGS_QUERY, type MappingSummary } from './mappings.gql';

export function MappingList() {
  const [{ data, error, fetching }] = useQuery<{ mappings: MappingSummary[] }>({ query: MAPPINGS_QUERY, requestPolicy: 'cache-and-network' });
  const rows = data?.mappings ?? [];
  return (
    <div className="stack">
      <PageHead title="Mappings" subtitle="How each field sent to the marketplace or the ERP is worked out. Edit a draft, preview it on real records, then publish." />
      <ErrorMessage error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <div className="card"><Empty title="No mappings yet">Mappings are created with an integration.</Empty></div> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="mappings-table">
            <thead><tr><th>Mapping</th><th>Flow</th><th>From → to</th><th>Published</th><th>Draft</th><th>Changed</th></tr></thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-testid="mapping-row" data-flow={m.flow}>
                  <td><Link href={`/mappings/${m.id}`}>{m.name}</Link></td>
                  <td>{humanize(m.flow)}</td>
                  <td className="small"><code>{m.sourceKind}</code> → <code>{m.targetKind}</code></td>
                  <td>{m.publishedVersion ? <StatusBadge status="PUBLISHED" label={`v${m.publishedVersion.number}`} /> : <span className="muted">never</span>}</td>
                  <td>{m.draft ? <StatusBadge status="DRAFT" label={`v${m.draft.number} draft`} /> : <span className="muted">—</span>}</td>
                  <td className="nowrap">{formatDateTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
