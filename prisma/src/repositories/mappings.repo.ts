/**
 * Mappings and their versions (DESIGN.md "Dynamic field mapping"): a draft is
 * editable, a published version is frozen (here and by the `mapping_version_frozen`
 * trigger), publishing moves the mapping's pointer and archives the previous version,
 * rollback re-publishes an older one. The content's shape belongs to @megzo/mapping;
 * this module stores it as JSON.
 */
import type { FlowId } from '@megzo/domain';
import type { Db, Mapping, MappingVersion, Prisma, Tx } from '../client.ts';
import { inTransaction } from '../tx.ts';
import { contentHash } from '../canonical-json.ts';
import { recordAudit } from './audit.repo.ts';
import { ConflictError, isUniqueViolation, NotFoundError } from './errors.ts';

export type MappingContent = Prisma.InputJsonValue;

export interface Actor {
  userId?: string | null;
  apiKeyId?: string | null;
}

export interface CreateMappingInput {
  tenantId: string;
  name: string;
  flow: FlowId;
  sourceKind: string;
  targetKind: string;
}

export async function createMapping(db: Db, input: CreateMappingInput): Promise<Mapping> {
  if (!input.name.trim()) throw new ConflictError('name must not be empty', 'name', 'INVALID');
  try {
    return await db.mapping.create({ data: input });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`a mapping named "${input.name}" already exists`, 'name', 'DUPLICATE');
    throw e;
  }
}

/** Lock the mapping row for the rest of the transaction (serialises numbering and publishing). */
async function lockMapping(tx: Tx, tenantId: string, mappingId: string): Promise<Mapping> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Mapping" WHERE id = ${mappingId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError('Mapping', 'mappingId', mappingId);
  return tx.mapping.findUniqueOrThrow({ where: { id: mappingId } });
}

function assertContent(content: unknown): asserts content is MappingContent {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new ConflictError('content must be a JSON object ({ rules, lookups, marketOverrides })', 'content', 'INVALID');
  }
}

export interface CreateDraftInput {
  tenantId: string;
  mappingId: string;
  /** Defaults to a copy of the published version's content. */
  content?: MappingContent;
  note?: string | null;
  authorId?: string | null;
}

/** A new DRAFT version numbered after the last one. */
export async function createDraft(db: Db, input: CreateDraftInput): Promise<MappingVersion> {
  return inTransaction(db, async (tx) => {
    const mapping = await lockMapping(tx, input.tenantId, input.mappingId);
    let content = input.content;
    if (content === undefined) {
      const published = mapping.publishedVersionId
        ? await tx.mappingVersion.findUnique({ where: { id: mapping.publishedVersionId } })
        : null;
      if (!published) {
        throw new ConflictError(`mapping ${mapping.name} has no published version to copy; give the draft's content`, 'content', 'NO_PUBLISHED_VERSION');
      }
      content = published.content as MappingContent;
    }
    assertContent(content);
    const last = await tx.mappingVersion.aggregate({ where: { mappingId: mapping.id }, _max: { number: true } });
    return tx.mappingVersion.create({
      data: {
        mappingId: mapping.id,
        number: (last._max.number ?? 0) + 1,
        status: 'DRAFT',
        content,
        contentHash: contentHash(content),
        note: input.note ?? null,
        authorId: input.authorId ?? null,
      },
    });
  });
}

async function loadVersion(db: Db, tenantId: string, versionId: string): Promise<MappingVersion> {
  const v = await db.mappingVersion.findFirst({ where: { id: versionId, mapping: { tenantId } } });
  if (!v) throw new NotFoundError('MappingVersion', 'versionId', versionId);
  return v;
}

/** Edit a draft. Refuses a published or archived version with a ConflictError on 'versionId'. */
export async function updateDraft(
  db: Db,
  input: { tenantId: string; versionId: string; content?: MappingContent; note?: string | null },
): Promise<MappingVersion> {
  const data: Prisma.MappingVersionUpdateManyMutationInput = {};
  if (input.content !== undefined) {
    assertContent(input.content);
    data.content = input.content;
    data.contentHash = contentHash(input.content);
  }
  if (input.note !== undefined) data.note = input.note;
  const r = await db.mappingVersion.updateMany({
    where: { id: input.versionId, status: 'DRAFT', mapping: { tenantId: input.tenantId } },
    data,
  });
  const v = await loadVersion(db, input.tenantId, input.versionId);
  if (r.count === 0) {
    throw new ConflictError(
      `mapping version ${v.number} is ${v.status} and frozen; create a new draft to change it`,
      'versionId',
      'VERSION_FROZEN',
    );
  }
  return v;
}

export interface PublishResult {
  mapping: Mapping;
  version: MappingVersion;
  /** The version that was published before, now ARCHIVED (null if none). */
  previousVersionId: string | null;
}

async function makePublished(tx: Tx, tenantId: string, version: MappingVersion, actor: Actor, action: string, now: Date): Promise<PublishResult> {
  const mapping = await lockMapping(tx, tenantId, version.mappingId);
  const previousVersionId = mapping.publishedVersionId !== version.id ? mapping.publishedVersionId : null;
  if (previousVersionId) {
    await tx.mappingVersion.update({ where: { id: previousVersionId }, data: { status: 'ARCHIVED' } });
  }
  const published = await tx.mappingVersion.update({
    where: { id: version.id },
    data: { status: 'PUBLISHED', publishedAt: now, publishedById: actor.userId ?? null },
  });
  const updated = await tx.mapping.update({ where: { id: mapping.id }, data: { publishedVersionId: published.id } });
  await recordAudit(tx, {
    tenantId,
    actorUserId: actor.userId ?? null,
    actorApiKeyId: actor.apiKeyId ?? null,
    action,
    entityType: 'Mapping',
    entityId: mapping.id,
    data: { versionId: published.id, number: published.number, previousVersionId, contentHash: published.contentHash, authorId: published.authorId },
    at: now,
  });
  return { mapping: updated, version: published, previousVersionId };
}

/** Publish a DRAFT: it becomes the mapping's version, the previous one is ARCHIVED. */
export async function publishVersion(
  db: Db,
  input: { tenantId: string; versionId: string; actor?: Actor },
  now = new Date(),
): Promise<PublishResult> {
  return inTransaction(db, async (tx) => {
    const v = await loadVersion(tx, input.tenantId, input.versionId);
    await lockMapping(tx, input.tenantId, v.mappingId);
    const fresh = await tx.mappingVersion.findUniqueOrThrow({ where: { id: v.id } });
    if (fresh.status !== 'DRAFT') {
      throw new ConflictError(`mapping version ${fresh.number} is ${fresh.status}; only drafts can be published (use rollback for older versions)`, 'versionId', 'NOT_DRAFT');
    }
    return makePublished(tx, input.tenantId, fresh, input.actor ?? {}, 'mapping.publish', now);
  });
}

/** Re-publish an older (ARCHIVED) version: the pointer moves back to it. */
export async function rollbackMapping(
  db: Db,
  input: { tenantId: string; mappingId: string; toVersionId?: string; toNumber?: number; actor?: Actor },
  now = new Date(),
): Promise<PublishResult> {
  return inTransaction(db, async (tx) => {
    await lockMapping(tx, input.tenantId, input.mappingId);
    const target = await tx.mappingVersion.findFirst({
      where: {
        mappingId: input.mappingId,
        ...(input.toVersionId ? { id: input.toVersionId } : {}),
        ...(input.toNumber !== undefined ? { number: input.toNumber } : {}),
      },
    });
    if (!target || (input.toVersionId === undefined && input.toNumber === undefined)) {
      throw new NotFoundError('MappingVersion', input.toVersionId ? 'toVersionId' : 'toNumber', String(input.toVersionId ?? input.toNumber));
    }
    if (target.status !== 'ARCHIVED') {
      throw new ConflictError(
        `mapping version ${target.number} is ${target.status}; rollback goes to an earlier published (now archived) version`,
        'toVersionId',
        'NOT_ARCHIVED',
      );
    }
    return makePublished(tx, input.tenantId, target, input.actor ?? {}, 'mapping.rollback', now);
  });
}

/** The version a run should pin: the mapping's published version (null if none). */
export async function getPublishedVersion(db: Db, mappingId: string): Promise<MappingVersion | null> {
  const m = await db.mapping.findUnique({ where: { id: mappingId }, include: { publishedVersion: true } });
  return m?.publishedVersion ?? null;
}

/** All versions, newest first, with author and publisher names. */
export async function mappingHistory(db: Db, tenantId: string, mappingId: string) {
  const mapping = await db.mapping.findFirst({ where: { id: mappingId, tenantId } });
  if (!mapping) throw new NotFoundError('Mapping', 'mappingId', mappingId);
  return db.mappingVersion.findMany({
    where: { mappingId },
    orderBy: { number: 'desc' },
    include: { author: { select: { id: true, name: true, email: true } }, publishedBy: { select: { id: true, name: true, email: true } } },
  });
}
