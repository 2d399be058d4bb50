/**
 * GDPR (MEGZO IV is a processor): export and erase one customer's personal data across
 * orders, run items and logs (order events, audit data); purge personal data past the
 * tenant's retention period (default 90 days after an order completes). The purge is a
 * plain function the scheduler's daily job can call (`purgeExpiredPersonalData`).
 */
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../db.ts';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { InputError } from '../errors.ts';
import { purgeExpiredPersonalData as purgeExpiredInRepository } from '@megzo/db/repositories/orders.repo';
import { audit } from './audit.ts';

const Email = z.string().trim().toLowerCase().email('must be an e-mail address').max(254);
const REDACTED = { redacted: true };

function parseEmail(value: string): string {
  const r = Email.safeParse(value);
  if (!r.success) throw InputError.fromZod(r.error, 'email');
  return r.data;
}

/** Ids of the tenant's orders whose personal data carries this e-mail (case-insensitive). */
async function ordersOf(prisma: PrismaClient, tenantId: string, email: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Order"
    WHERE "tenantId" = ${tenantId} AND lower("personalData"->>'email') = ${email}`;
  return rows.map((r) => r.id);
}

async function runItemsOf(prisma: PrismaClient, tenantId: string, email: string, channelOrderIds: string[]) {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM "SyncRunItem" i JOIN "SyncRun" r ON r.id = i."runId"
    WHERE r."tenantId" = ${tenantId}
      AND (lower(i."payloadExcerpt"::text) LIKE ${'%' + email + '%'} OR i."recordKey" = ANY(${channelOrderIds}))`;
  return rows.map((r) => r.id);
}

export async function exportCustomerData(deps: AppDeps, p: Principal, emailInput: string) {
  const email = parseEmail(emailInput);
  const orderIds = await ordersOf(deps.prisma, p.tenantId, email);
  const orders = await deps.prisma.order.findMany({
    where: { id: { in: orderIds } },
    select: {
      id: true, channelOrderId: true, market: true, status: true, erpReference: true, personalData: true, totalGross: true, currency: true,
      createdAt: true, completedAt: true,
      lines: { select: { sku: true, title: true, quantity: true, netAmount: true, vatAmount: true } },
      events: { select: { type: true, at: true, message: true, data: true } },
      shipments: { select: { carrier: true, awb: true, trackingUrl: true, status: true } },
    },
  });
  const itemIds = await runItemsOf(deps.prisma, p.tenantId, email, orders.map((o) => o.channelOrderId));
  const runItems = await deps.prisma.syncRunItem.findMany({
    where: { id: { in: itemIds } },
    select: { id: true, recordKey: true, action: true, status: true, message: true, payloadExcerpt: true, createdAt: true },
  });
  await audit(deps.prisma, p, 'gdpr.export', 'Customer', email.replace(/^(.).*@/, '$1***@'), { orders: orders.length, runItems: runItems.length });
  return { email, exportedAt: deps.now().toISOString(), orders: JSON.parse(JSON.stringify(orders)), runItems: JSON.parse(JSON.stringify(runItems)) };
}

export async function eraseCustomerData(deps: AppDeps, p: Principal, emailInput: string) {
  const email = parseEmail(emailInput);
  const now = deps.now();
  const orderIds = await ordersOf(deps.prisma, p.tenantId, email);
  const orders = await deps.prisma.order.findMany({ where: { id: { in: orderIds } }, select: { channelOrderId: true } });
  const itemIds = await runItemsOf(deps.prisma, p.tenantId, email, orders.map((o) => o.channelOrderId));
  return deps.prisma.$transaction(async (tx) => {
    const o = await tx.order.updateMany({ where: { id: { in: orderIds } }, data: { personalData: Prisma.DbNull, personalDataPurgedAt: now } });
    const e = await tx.orderEvent.updateMany({ where: { orderId: { in: orderIds }, data: { not: Prisma.DbNull } }, data: { data: Prisma.DbNull } });
    const i = await tx.syncRunItem.updateMany({ where: { id: { in: itemIds } }, data: { payloadExcerpt: REDACTED } });
    const a = await tx.$executeRaw`
      UPDATE "AuditEvent" SET data = ${JSON.stringify(REDACTED)}::jsonb
      WHERE "tenantId" = ${p.tenantId} AND lower(data::text) LIKE ${'%' + email + '%'}`;
    const result = { orders: o.count, orderEvents: e.count, runItems: i.count, auditEvents: a };
    await audit(tx, p, 'gdpr.erase', 'Customer', email.replace(/^(.).*@/, '$1***@'), result);
    return result;
  });
}

/**
 * Erase personal data of orders completed (or cancelled/returned) longer ago than each
 * tenant's retention period, with its copies in order events and run items: the rule is
 * the orders repository's (the scheduler's daily job runs the same one). One tenant or all.
 */
export async function purgeExpiredPersonalData(prisma: PrismaClient, now = new Date(), tenantId?: string): Promise<{ orders: number; runItems: number }> {
  const tenants = await prisma.tenant.findMany({ where: tenantId ? { id: tenantId } : {}, select: { id: true, retentionDays: true } });
  let orders = 0;
  let runItems = 0;
  for (const t of tenants) {
    await prisma.$transaction(async (tx) => {
      const r = await purgeExpiredInRepository(tx, t.id, now);
      if (r.orders === 0) return;
      orders += r.orders;
      runItems += r.runItems;
      const cutoff = new Date(now.getTime() - t.retentionDays * 86_400_000);
      await tx.auditEvent.create({
        data: { tenantId: t.id, action: 'gdpr.retentionPurge', entityType: 'Tenant', entityId: t.id, data: { ...r, cutoff: cutoff.toISOString() } },
      });
    });
  }
  return { orders, runItems };
}
