/** Who did what: an append-only log per tenant. */
import type { AuditEvent, Db } from '../client.ts';
import { jsonOrNull } from './errors.ts';

export interface AuditInput {
  tenantId: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  /** e.g. 'mapping.publish', 'connection.update'. */
  action: string;
  entityType: string;
  entityId: string;
  data?: unknown;
  at?: Date;
}

export async function recordAudit(db: Db, input: AuditInput): Promise<AuditEvent> {
  if (!input.action) throw new RangeError('audit: action must not be empty');
  return db.auditEvent.create({
    data: {
      tenantId: input.tenantId,
      actorUserId: input.actorUserId ?? null,
      actorApiKeyId: input.actorApiKeyId ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      data: jsonOrNull(input.data),
      ...(input.at ? { at: input.at } : {}),
    },
  });
}

export async function listAudit(
  db: Db,
  tenantId: string,
  filter: { entityType?: string; entityId?: string; action?: string; limit?: number } = {},
): Promise<AuditEvent[]> {
  return db.auditEvent.findMany({
    where: {
      tenantId,
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: Math.min(filter.limit ?? 100, 1000),
  });
}
