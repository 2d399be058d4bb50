/**
 * The mapping model and its pure state transitions. The DB layer (prisma/)
 * loads rows, calls these helpers, and writes back what they return; the
 * helpers never mutate their inputs and throw MappingStateError on a
 * forbidden move (editing a published or archived version, publishing an
 * unknown version, …).
 *
 * Life cycle: draft → published (frozen). Publishing another version moves
 * the mapping's `publishedVersionId` pointer and archives the previous one.
 * Rollback re-publishes an archived version (pointer moves back; content is
 * never changed). Drafts are created from scratch or copied from any version.
 */
import { z } from 'zod';
import { FlowId } from '@megzo/domain';
import { MappingStateError } from './errors.ts';
import { hashContent } from './hash.ts';
import type { MappingVersionContent } from './types.ts';

export const RuleSchema = z.object({
  target: z.string().min(1, 'target must not be empty'),
  expression: z.string(),
  note: z.string().optional(),
});

const MarketRules = z.array(RuleSchema);

export const MappingVersionContentSchema = z.object({
  rules: z.array(RuleSchema),
  lookups: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  marketOverrides: z
    .object({ SE: MarketRules.optional(), DK: MarketRules.optional(), FI: MarketRules.optional(), NO: MarketRules.optional() })
    .strict()
    .optional(),
});

export const TargetFieldSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['string', 'number', 'money', 'enum', 'list', 'boolean', 'object']),
  required: z.boolean().optional(),
  enumValues: z.array(z.string()).optional(),
  description: z.string().optional(),
  format: z.enum(['string', 'number']).optional(),
});

/** Parse stored JSON into content; the error names the offending field (e.g. `rules.3.expression`). */
export function parseContent(json: unknown): MappingVersionContent {
  const res = MappingVersionContentSchema.safeParse(json);
  if (!res.success) {
    const issue = res.error.issues[0];
    const path = issue ? issue.path.join('.') : '';
    throw new MappingStateError(`Mapping content is invalid at "${path || '(root)'}": ${issue?.message ?? 'unknown problem'}`, 'MAPPING_CONTENT');
  }
  return res.data as MappingVersionContent;
}

export type VersionStatus = 'draft' | 'published' | 'archived';

export interface MappingVersion {
  id: string;
  mappingId: string;
  /** 1, 2, 3 … per mapping. */
  number: number;
  status: VersionStatus;
  content: MappingVersionContent;
  contentHash: string;
  createdAt: string;
  publishedAt?: string;
  createdBy?: string;
  publishedBy?: string;
  comment?: string;
}

export interface Mapping {
  id: string;
  name: string;
  flow: FlowId;
  sourceKind: string;
  targetKind: string;
  publishedVersionId: string | null;
}

export function newDraft(args: {
  id: string;
  mapping: Mapping;
  versions: readonly MappingVersion[];
  content?: MappingVersionContent;
  /** Copy the content of this version (e.g. the published one, or an old one to restore). */
  fromVersionId?: string;
  now: string;
  createdBy?: string;
}): MappingVersion {
  let content = args.content;
  if (args.fromVersionId !== undefined) {
    const from = args.versions.find((v) => v.id === args.fromVersionId);
    if (!from) throw new MappingStateError(`Cannot copy version ${args.fromVersionId}: it does not exist`, 'VERSION_NOT_FOUND');
    content = structuredClone(from.content);
  }
  if (!content) content = { rules: [], lookups: {} };
  const number = args.versions.reduce((m, v) => Math.max(m, v.number), 0) + 1;
  return {
    id: args.id, mappingId: args.mapping.id, number, status: 'draft', content,
    contentHash: hashContent(content), createdAt: args.now, createdBy: args.createdBy,
  };
}

/** Replace the content of a draft. Published and archived versions are frozen. */
export function updateDraft(version: MappingVersion, content: MappingVersionContent): MappingVersion {
  if (version.status !== 'draft') {
    throw new MappingStateError(
      `Version ${version.number} is ${version.status} and cannot be edited — create a new draft from it instead`,
      'VERSION_FROZEN',
    );
  }
  return { ...version, content, contentHash: hashContent(content) };
}

/** Delete a draft (only drafts can be deleted). */
export function assertDeletable(version: MappingVersion): void {
  if (version.status !== 'draft') {
    throw new MappingStateError(`Version ${version.number} is ${version.status}; only drafts can be deleted`, 'VERSION_FROZEN');
  }
}

export interface Transition {
  mapping: Mapping;
  /** The versions whose row changed (write these back). */
  changed: MappingVersion[];
}

function movePointer(mapping: Mapping, versions: readonly MappingVersion[], target: MappingVersion, now: string, by?: string): Transition {
  const changed: MappingVersion[] = [];
  const current = mapping.publishedVersionId ? versions.find((v) => v.id === mapping.publishedVersionId) : undefined;
  if (current && current.id !== target.id) changed.push({ ...current, status: 'archived' });
  changed.push({ ...target, status: 'published', publishedAt: now, publishedBy: by });
  return { mapping: { ...mapping, publishedVersionId: target.id }, changed };
}

/**
 * Publish a draft: it becomes frozen and the pointer moves to it; the
 * previously published version is archived. Refuses a changed hash (the draft
 * was edited after it was validated) when `expectedHash` is given.
 */
export function publishVersion(args: {
  mapping: Mapping; versions: readonly MappingVersion[]; versionId: string; now: string; publishedBy?: string; expectedHash?: string;
}): Transition {
  const v = args.versions.find((x) => x.id === args.versionId);
  if (!v || v.mappingId !== args.mapping.id) throw new MappingStateError(`Version ${args.versionId} does not belong to mapping "${args.mapping.name}"`, 'VERSION_NOT_FOUND');
  if (v.status !== 'draft') {
    throw new MappingStateError(`Version ${v.number} is ${v.status}; only a draft can be published (use rollback for an older version)`, 'NOT_A_DRAFT');
  }
  if (args.expectedHash !== undefined && args.expectedHash !== hashContent(v.content)) {
    throw new MappingStateError(`Version ${v.number} changed since it was checked; review it again before publishing`, 'STALE_DRAFT');
  }
  return movePointer(args.mapping, args.versions, { ...v, contentHash: hashContent(v.content) }, args.now, args.publishedBy);
}

/** Roll back: publish an older (archived) version again. */
export function rollbackTo(args: {
  mapping: Mapping; versions: readonly MappingVersion[]; versionId: string; now: string; publishedBy?: string;
}): Transition {
  const v = args.versions.find((x) => x.id === args.versionId);
  if (!v || v.mappingId !== args.mapping.id) throw new MappingStateError(`Version ${args.versionId} does not belong to mapping "${args.mapping.name}"`, 'VERSION_NOT_FOUND');
  if (v.status === 'draft') throw new MappingStateError(`Version ${v.number} is a draft; publish it instead of rolling back to it`, 'IS_DRAFT');
  if (v.id === args.mapping.publishedVersionId) throw new MappingStateError(`Version ${v.number} is already the published version`, 'ALREADY_PUBLISHED');
  return movePointer(args.mapping, args.versions, v, args.now, args.publishedBy);
}

/** The published version of a mapping, or throws when none is published. */
export function publishedVersion(mapping: Mapping, versions: readonly MappingVersion[]): MappingVersion {
  const v = mapping.publishedVersionId ? versions.find((x) => x.id === mapping.publishedVersionId) : undefined;
  if (!v) throw new MappingStateError(`Mapping "${mapping.name}" has no published version yet`, 'NOTHING_PUBLISHED');
  return v;
}
