'use client';

import { Fragment, useState } from 'react';
import { useQuery } from 'urql';
import { Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { formatDateTime, formatMoney, formatNumber } from '@/lib/format';
import { LISTINGS_QUERY, type ListingsData } from './catalog.gql';
import { ListingWhy } from './ListingWhy';

const MARKETS = ['SE', 'DK', 'FI', 'NO'];

/** Listings of the tenant's marketplace connections (the integration picker scopes the rest of the studio). */
export function Catalog(_props: { integrationId: string }) {
  const [market, setMarket] = useState('');
  const [status, setStatus] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery<ListingsData>({
    query: LISTINGS_QUERY,
    variables: { market: market || null, status: status || null, first: 50, after },
  });
  const rows = data?.listings.edges.map((e) => e.node) ?? [];
  return (
    <div className="stack">
      <PageHead title="Catalog" subtitle="What each market shows: the last price and stock sent, the listing status, and why." />
      <div className="row card" role="search">
        <div className="tabs" role="tablist" aria-label="Market" style={{ margin: 0, border: 0 }}>
          {['', ...MARKETS].map((m) => (
            <button key={m || 'all'} role="tab" aria-selected={market === m} onClick={() => { setMarket(m); setAfter(null); }} data-testid={`catalog-market-${m || 'all'}`}>
              {m || 'All markets'}
            </button>
          ))}
        </div>
        <label className="field">
          Status
          <select value={status} onChange={(e) => { setStatus(e.target.value); setAfter(null); }} data-testid="listing-status-filter">
            <option value="">Any status</option>
            <option value="listed">Listed</option>
            <option value="pending">Waiting for the marketplace</option>
            <option value="paused">Paused</option>
            <option value="error">Refused</option>
          </select>
        </label>
        <span className="spacer" />
        {data?.listings.totalCount != null ? <span className="muted">{formatNumber(data.listings.totalCount)} listings</span> : null}
      </div>
      <ErrorMessage error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <div className="card"><Empty title={status ? 'No listing has this status' : 'Nothing listed yet'}>{status ? 'Try another status.' : 'Listings appear after the first catalog run.'}</Empty></div>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="listings-table">
            <thead>
              <tr><th>SKU</th><th>Product</th><th>Market</th><th className="num">Price sent</th><th className="num">Stock sent</th><th>Status</th><th>Sent</th><th>Why</th></tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <Fragment key={l.id}>
                  <tr data-testid="listing-row" data-sku={l.product.sku} data-market={l.market}>
                    <td><code>{l.product.sku}</code></td>
                    <td>{l.product.name}</td>
                    <td>{l.market}</td>
                    <td className="num">{formatMoney(l.lastPushedPrice, l.currency)}</td>
                    <td className="num">{formatNumber(l.lastPushedQuantity)}</td>
                    <td>
                      <StatusBadge status={l.status} />
                      {l.lastError ? <div className="small" style={{ color: 'var(--bad)' }}>{l.lastError}</div> : null}
                    </td>
                    <td className="nowrap">{formatDateTime(l.pushedAt)}</td>
                    <td>
                      <button type="button" aria-expanded={open === l.id} onClick={() => setOpen(open === l.id ? null : l.id)}>
                        {open === l.id ? 'Hide' : 'Explain'}
                      </button>
                    </td>
                  </tr>
                  {open === l.id ? (
                    <tr><td colSpan={8} style={{ background: '#fafbfc' }}><ListingWhy l={l} /></td></tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="row">
        {after ? <button type="button" onClick={() => setAfter(null)}>First page</button> : null}
        {data?.listings.pageInfo.hasNextPage ? <button type="button" onClick={() => setAfter(data.listings.pageInfo.endCursor)}>Next page</button> : null}
      </div>
    </div>
  );
}
