'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Countdown, Empty, ErrorMessage, Loading, PageHead, StatusBadge } from '@/components/ui';
import { formatDateTime, formatMoney, humanize } from '@/lib/format';
import { useApiHref } from '@/graphql/providers';
import { ORDER_QUERY, ORDER_UPDATED, type OrderDetail, type OrderSummary } from './orders.gql';
import { OrderTimeline, type TimelineStep } from './OrderTimeline';

function eventAt(o: OrderDetail, ...types: string[]): string | null {
  const e = o.events.find((ev) => types.includes(ev.type));
  return e?.at ?? null;
}

function steps(o: OrderDetail, href: (p: string | null | undefined) => string | null): TimelineStep[] {
  const invoice = o.invoices[0];
  const shipment = o.shipments[0];
  const ret = o.returns[0];
  return [
    { key: 'received', label: 'Received from the marketplace', at: o.channelCreatedAt ?? o.createdAt, detail: `Order ${o.channelOrderId} on CDON ${o.market}` },
    {
      key: 'erp',
      label: 'Sales order created in the ERP',
      at: eventAt(o, 'erp-created', 'erp-order-created', 'erp-found') ?? (o.erpSalesOrderId ? o.updatedAt : null),
      detail: o.erpReference || o.erpSalesOrderId ? <>ERP reference <strong data-testid="erp-reference">{o.erpReference ?? o.erpSalesOrderId}</strong></> : null,
    },
    { key: 'accepted', label: 'Accepted on the marketplace', at: o.acceptedAt ?? eventAt(o, 'acknowledged', 'accepted') },
    {
      key: 'invoiced',
      label: 'Invoiced by the ERP',
      at: invoice ? invoice.createdAt : null,
      detail: invoice ? (
        <>
          Invoice {invoice.series} {invoice.number}{invoice.issueDate ? ` of ${new Date(invoice.issueDate).toLocaleDateString('en-GB', { day: '2-digit', month: 'short', year: 'numeric' })}` : ''} · {formatMoney(invoice.totalGross, invoice.currency)}{' '}
          {invoice.pdfUrl ? <a href={href(invoice.pdfUrl) ?? undefined} target="_blank" rel="noreferrer" data-testid="invoice-pdf">Open the invoice PDF</a> : <span className="muted">PDF not available yet</span>}
          {invoice.capabilityMissing ? <div className="muted">CDON cannot receive invoices through its API: the PDF is kept here for you.</div> : invoice.attachedToChannel ? <div className="muted">Attached to the marketplace order.</div> : null}
        </>
      ) : null,
    },
    {
      key: 'awb',
      label: 'AWB created at the courier',
      at: shipment?.createdAt ?? null,
      detail: shipment ? (
        <>
          {shipment.carrier} AWB <strong data-testid="awb">{shipment.awb}</strong>{' '}
          {shipment.labelUrl ? <a href={href(shipment.labelUrl) ?? undefined} target="_blank" rel="noreferrer" data-testid="label-link">Print the label</a> : null}{' '}
          {shipment.trackingUrl ? <a href={shipment.trackingUrl} target="_blank" rel="noreferrer" data-testid="tracking-link">Track the parcel</a> : null}
        </>
      ) : null,
    },
    {
      key: 'shipped',
      label: 'Shipped: tracking sent to the marketplace',
      at: shipment?.pushedToChannelAt ?? o.completedAt ?? eventAt(o, 'shipped', 'fulfilled'),
    },
    {
      key: 'returned',
      label: 'Cancelled or returned',
      optional: true,
      at: ret?.detectedAt ?? null,
      detail: ret ? `${humanize(ret.kind)} · ${humanize(ret.status)}${ret.reason ? ` · ${ret.reason}` : ''}` : null,
    },
  ];
}

export function OrderDetailView({ orderId }: { orderId: string }) {
  const href = useApiHref();
  const [{ data, error, fetching }, refetch] = useQuery<{ order: OrderDetail | null }>({ query: ORDER_QUERY, variables: { id: orderId } });
  const integrationId = data?.order?.integration.id;
  const [live] = useSubscription<{ orderUpdated: OrderSummary }>({ query: ORDER_UPDATED, variables: { integrationId }, pause: !integrationId });
  const update = live.data?.orderUpdated;
  useEffect(() => {
    // An update of this order: re-read its full timeline (events, invoice, shipment).
    if (update && update.id === orderId) refetch({ requestPolicy: 'network-only' });
  }, [update, orderId, refetch]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (fetching && !data) return <Loading label="Loading the order…" />;
  const o = data?.order;
  if (!o) return <Empty title="This order does not exist or you cannot see it." />;
  const open = o.status === 'created' || o.status === 'accepted';

  return (
    <div className="stack" data-testid="order-detail" data-order-status={o.status}>
      <PageHead
        title={`Order ${o.channelOrderId}`}
        subtitle={<><Link href={`/integrations/${o.integration.id}/orders`}>{o.integration.name}</Link> · CDON {o.market} · received {formatDateTime(o.channelCreatedAt ?? o.createdAt)}</>}
        actions={<StatusBadge status={o.status} />}
      />
      <div className="grid grid-3">
        <div className="card stat">
          <span className="label">Ship before</span>
          <span className="value" style={{ fontSize: 16 }}>{open ? <Countdown to={o.deadlineAt} /> : 'Done'}</span>
          <span className="muted small">{o.deadlineAt ? formatDateTime(o.deadlineAt) : 'No deadline given'}</span>
        </div>
        <div className="card stat">
          <span className="label">ERP reference</span>
          <span className="value" style={{ fontSize: 16 }}>{o.erpReference ?? o.erpSalesOrderId ?? '—'}</span>
        </div>
        <div className="card stat">
          <span className="label">Total incl. VAT</span>
          <span className="value" style={{ fontSize: 16 }}>{formatMoney(o.totalGross, o.currency)}</span>
          <span className="muted small">net {formatMoney(o.totalNet, o.currency)} · VAT {formatMoney(o.totalVat, o.currency)}</span>
        </div>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <OrderTimeline steps={steps(o, href)} />
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="lines-title">
            <h2 id="lines-title">Lines</h2>
            <table className="data">
              <thead><tr><th>SKU</th><th>Item</th><th className="num">Qty</th><th className="num">Net</th></tr></thead>
              <tbody>
                {o.lines.map((l) => (
                  <tr key={l.id}><td><code>{l.sku}</code></td><td>{l.title ?? '—'}</td><td className="num">{l.quantity}</td><td className="num">{formatMoney(l.netAmount, l.currency)}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-labelledby="log-title">
            <h2 id="log-title">Activity</h2>
            {o.events.length === 0 ? <Empty title="Nothing happened yet" /> : (
              <ul className="small" style={{ margin: 0, paddingLeft: 18 }} data-testid="order-events">
                {[...o.events].reverse().map((e) => (
                  <li key={e.id}><span className="muted">{formatDateTime(e.at)}</span> — {e.message}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
