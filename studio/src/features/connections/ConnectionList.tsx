'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { timeAgo } from '@/lib/format';
import { CONNECTIONS_QUERY, type ConnectionSummary } from './connections.gql';

export function ConnectionList() {
  const [{ data, error, fetching }] = useQuery<{ connections: ConnectionSummary[] }>({ query: CONNECTIONS_QUERY });
  const rows = data?.connections ?? [];
  return (
    <div className="stack">
      <PageHead title="Connections" subtitle="How MEGZO IV reaches your ERP, the marketplace, the courier and the exchange rates." />
      <ErrorMessage error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <div className="card"><Empty title="No connections yet">Ask an administrator to add your ERP and marketplace accounts.</Empty></div> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="connections-table">
            <thead><tr><th>Name</th><th>System</th><th>Status</th><th>Last checked</th><th>Problem</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-testid="connection-row">
                  <td><Link href={`/connections/${c.id}`}>{c.name}</Link></td>
                  <td><code>{c.connectorId}</code></td>
                  <td><StatusBadge status={c.status} /></td>
                  <td>{timeAgo(c.lastCheckAt)}</td>
                  <td className="small">{c.lastCheckError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
