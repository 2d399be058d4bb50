import type { Prisma } from '../db.ts';
import { actorOf, type Principal } from '../auth/principal.ts';

type Db = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Append one audit row for a write done by `principal` (same transaction as the write). */
export async function audit(
  db: Db,
  principal: Principal,
  action: string,
  entityType: string,
  entityId: string,
  data?: Record<string, unknown>,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      tenantId: principal.tenantId,
      ...actorOf(principal),
      action,
      entityType,
      entityId,
      data: data === undefined ? undefined : (JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue),
    },
  });
}
