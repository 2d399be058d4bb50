'use client';

import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Countdown, Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { formatDateTime, formatMoney, formatNumber, humanize } from '@/lib/format';
import { ORDERS_QUERY, ORDER_UPDATED, type OrderSummary, type OrdersData } from './orders.gql';

const STATUSES = ['created', 'accepted', 'fulfilled', 'cancelled', 'returned'];
const OPEN = new Set(['created', 'accepted']);

export function OrderList({ integrationId }: { integrationId: string }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const query = useDeferredValue(search.trim());
  const [{ data, error, fetching }, refetch] = useQuery<OrdersData>({
    query: ORDERS_QUERY,
    variables: { integrationId, status: status || null, search: query || null, first: 50, after },
  });
  const [live] = useSubscription<{ orderUpdated: OrderSummary }, Record<string, OrderSummary>>(
    { query: ORDER_UPDATED, variables: { integrationId } },
    (prev = {}, ev) => ({ ...prev, [ev.orderUpdated.id]: ev.orderUpdated }),
  );
  const known = new Set((data?.orders.edges ?? []).map((e) => e.node.id));
  const fresh = after || status || search ? [] : Object.values(live.data ?? {}).filter((o) => !known.has(o.id));
  const rows = [...fresh, ...(data?.orders.edges ?? []).map((e) => live.data?.[e.node.id] ?? e.node)];

  return (
    <div className="stack">
      <PageHead title="Orders" subtitle="Marketplace orders and where each one is: ERP order, invoice, AWB, shipping. New orders appear as they arrive." />
      <form className="row card" role="search" onSubmit={(e) => { e.preventDefault(); setAfter(null); refetch({ requestPolicy: 'network-only' }); }}>
        <label className="field">
          Status
          <select value={status} onChange={(e) => { setStatus(e.target.value); setAfter(null); }} data-testid="order-status-filter">
            <option value="">Any status</option>
            {STATUSES.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
          </select>
        </label>
        <label className="field">
          Find an order
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Order id, ERP reference or SKU" />
        </label>
        <span className="spacer" />
        {data?.orders.totalCount != null ? <span className="muted" data-testid="orders-count">{formatNumber(data.orders.totalCount + fresh.length)} orders</span> : null}
      </form>
      <ErrorMessage error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <div className="card">
          <Empty title={status || search ? 'No order matches' : 'No orders yet'}>
            {status || search ? 'Try another status or search.' : 'Orders placed on the marketplace show up here within a heartbeat.'}
          </Empty>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="orders-table">
            <thead>
              <tr><th>Order</th><th>Market</th><th>Status</th><th>ERP reference</th><th className="num">Total</th><th>Received</th><th>Ship by</th></tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id} data-testid="order-row" data-channel-order-id={o.channelOrderId}>
                  <td><Link href={`/orders/${o.id}`}>{o.channelOrderId}</Link></td>
                  <td>{o.market}</td>
                  <td><StatusBadge status={o.status} /></td>
                  <td>{o.erpReference ?? o.erpSalesOrderId ?? <span className="muted">not in the ERP yet</span>}</td>
                  <td className="num">{formatMoney(o.totalGross, o.currency)}</td>
                  <td className="nowrap">{formatDateTime(o.channelCreatedAt ?? o.createdAt)}</td>
                  <td>{OPEN.has(o.status) ? <Countdown to={o.deadlineAt} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="row">
        {after ? <button type="button" onClick={() => setAfter(null)}>Back to newest</button> : null}
        {data?.orders.pageInfo.hasNextPage ? <button type="button" onClick={() => setAfter(data.orders.pageInfo.endCursor)}>Older orders</button> : null}
      </div>
    </div>
  );
}
