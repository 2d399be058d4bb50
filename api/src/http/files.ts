/**
 * GET /files/invoices/:id.pdf and /files/labels/:shipmentId.pdf — the ERP's invoice PDF
 * and the courier label, for the session cookie or an API key with orders:read, only
 * within the caller's tenant.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { can } from '../auth/principal.ts';
import { header, sendJson } from './node.ts';

export async function handleFile(req: IncomingMessage, res: ServerResponse, deps: AppDeps, path: string): Promise<void> {
  const m = /^\/files\/(invoices|labels)\/([A-Za-z0-9_-]{1,64})\.pdf$/.exec(path);
  if (!m) return sendJson(res, 404, { error: 'File URLs look like /files/invoices/<id>.pdf or /files/labels/<id>.pdf' });
  const auth = await deps.authenticator.authenticate({
    authorization: header(req, 'authorization'),
    cookie: header(req, 'cookie'),
    csrfHeader: null,
    requireCsrf: false,
  });
  if (!auth.principal) return sendJson(res, 401, { error: auth.problem ?? 'Not signed in' });
  if (!can(auth.principal, 'orders', 'read')) return sendJson(res, 403, { error: 'Forbidden: needs orders:read' });
  const tenantId = auth.principal.tenantId;
  const [, kind, id = ''] = m;
  let pdf: Buffer | null;
  let name = id;
  if (kind === 'invoices') {
    const inv = await deps.prisma.invoice.findFirst({ where: { id, order: { tenantId } }, select: { pdf: true, series: true, number: true } });
    pdf = inv?.pdf ? Buffer.from(inv.pdf) : null;
    if (inv) name = `invoice-${inv.series}${inv.number}`;
  } else {
    const s = await deps.prisma.shipment.findFirst({ where: { id, order: { tenantId } }, select: { labelPdf: true, awb: true } });
    pdf = s?.labelPdf ? Buffer.from(s.labelPdf, 'base64') : null;
    if (s) name = `label-${s.awb}`;
  }
  if (!pdf) return sendJson(res, 404, { error: `No ${kind === 'invoices' ? 'invoice PDF' : 'label'} ${id}` });
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': pdf.length,
    'content-disposition': `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`,
    'cache-control': 'private, no-store',
  });
  res.end(pdf);
}
