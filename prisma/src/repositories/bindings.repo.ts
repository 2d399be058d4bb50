/**
 * The binder (OCA `binder.py`): links an internal record to its record in an external
 * system, per connection and entity type. Bind right after each external create, in
 * its own short transaction, so that a retry updates instead of creating a duplicate.
 */
import { TransientError } from '@megzo/domain';
import type { Db, ExternalBinding, PrismaClient } from '../client.ts';
import { isUniqueViolation } from './errors.ts';

export interface BindingKey {
  connectionId: string;
  /** e.g. 'product', 'offer', 'order', 'salesOrder'. */
  entityType: string;
}

/** The binding of an external record, or null when it is not bound. */
export async function toInternal(db: Db, key: BindingKey & { externalId: string }): Promise<ExternalBinding | null> {
  return db.externalBinding.findUnique({
    where: { connectionId_entityType_externalId: { connectionId: key.connectionId, entityType: key.entityType, externalId: key.externalId } },
  });
}

/** The binding of an internal record, or null when it is not bound. */
export async function toExternal(db: Db, key: BindingKey & { internalId: string }): Promise<ExternalBinding | null> {
  return db.externalBinding.findUnique({
    where: { connectionId_entityType_internalId: { connectionId: key.connectionId, entityType: key.entityType, internalId: key.internalId } },
  });
}

export interface BindInput extends BindingKey {
  tenantId: string;
  internalId: string;
  externalId: string;
  /** Hash of the payload just written (to skip unchanged records next time). */
  hash?: string | null;
  externalVersion?: string | null;
  syncedAt?: Date;
}

/**
 * Bind `internalId` ↔ `externalId` (insert, or update the internal record's binding:
 * new external id, hash, version, syncedAt). Runs in its own short transaction on the
 * client, never inside the caller's. A unique violation (the external id is already
 * bound to another internal record, or a concurrent bind) becomes a TransientError,
 * so the step is retried and then finds the binding.
 */
export async function bind(prisma: PrismaClient, input: BindInput): Promise<ExternalBinding> {
  const syncedAt = input.syncedAt ?? new Date();
  const fields = { externalId: input.externalId, hash: input.hash ?? null, externalVersion: input.externalVersion ?? null, syncedAt };
  try {
    // A single upsert statement: its own short transaction, never the caller's.
    return await prisma.externalBinding.upsert({
      where: {
        connectionId_entityType_internalId: { connectionId: input.connectionId, entityType: input.entityType, internalId: input.internalId },
      },
      create: { tenantId: input.tenantId, connectionId: input.connectionId, entityType: input.entityType, internalId: input.internalId, ...fields },
      update: fields,
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw new TransientError({
      message: `binding conflict for ${input.entityType} ${input.internalId} ↔ ${input.externalId}; retrying`,
      internalMessage: `unique violation on ExternalBinding (connection ${input.connectionId}): ${(e as Error).message}`,
      code: 'BINDING_CONFLICT',
      path: 'externalId',
      cause: e,
    });
  }
}

/** Update only the change-detection fields of an existing binding. */
export async function touchBinding(db: Db, id: string, data: { hash?: string | null; externalVersion?: string | null; syncedAt?: Date }): Promise<void> {
  await db.externalBinding.update({ where: { id }, data: { ...data, syncedAt: data.syncedAt ?? new Date() } });
}

/** Remove a binding (the external record was deleted). */
export async function unbind(db: Db, key: BindingKey & { internalId: string }): Promise<boolean> {
  const r = await db.externalBinding.deleteMany({ where: { connectionId: key.connectionId, entityType: key.entityType, internalId: key.internalId } });
  return r.count > 0;
}
