/**
 * Mapping versions: create a draft, edit its rules, validate, preview on samples, impact
 * against the published version, publish, roll back. Drafts are editable; published
 * versions are frozen (the database enforces it too); every step is audited.
 */
import { z } from 'zod';
import {
  MappingVersionContentSchema,
  impact as mappingImpact,
  isPublishable,
  preview as mappingPreview,
  validateMapping,
  type Diagnostic,
  type EvalContext,
  type FxRate,
  type MappingVersionContent,
} from '@megzo/mapping';
import { FlowId, MARKET_CURRENCY, Market } from '@megzo/domain';
import {
  createDraft,
  createMapping as repoCreateMapping,
  publishVersion,
  rollbackMapping as repoRollback,
  updateDraft,
} from '@megzo/db/repositories/mappings.repo';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { InputError, NotFoundError, fromDb } from '../errors.ts';
import { audit } from './audit.ts';

const MAX_SAMPLES = 100;

export function parseMappingContent(value: unknown, field = 'content'): MappingVersionContent {
  const r = MappingVersionContentSchema.safeParse(value);
  if (!r.success) throw InputError.fromZod(r.error, field);
  return r.data as MappingVersionContent;
}

function actorOf(p: Principal) {
  return p.kind === 'user' ? { userId: p.userId } : { apiKeyId: p.apiKeyId };
}

export const CreateMappingInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  flow: FlowId,
  sourceKind: z.string().trim().min(1, 'must not be empty').max(200),
  targetKind: z.string().trim().min(1, 'must not be empty').max(200),
});

/** A new mapping with its first draft (version 1). */
export async function createMapping(deps: AppDeps, p: Principal, input: z.input<typeof CreateMappingInput> & { content?: unknown }) {
  const r = CreateMappingInput.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  const content = parseMappingContent(input.content ?? { rules: [], lookups: {} });
  const clash = await deps.prisma.mapping.findFirst({ where: { tenantId: p.tenantId, name: r.data.name }, select: { id: true } });
  if (clash) throw new InputError(`name: a mapping named "${r.data.name}" already exists`, [{ path: 'name', message: 'already exists' }]);
  return deps.prisma.$transaction(async (tx) => {
    const m = await repoCreateMapping(tx, { tenantId: p.tenantId, ...r.data });
    await createDraft(tx, { tenantId: p.tenantId, mappingId: m.id, content: content as object, authorId: p.kind === 'user' ? p.userId : null });
    await audit(tx, p, 'mapping.create', 'Mapping', m.id, r.data);
    return m;
  });
}

export async function createMappingDraft(deps: AppDeps, p: Principal, mappingId: string, input: { content?: unknown; note?: string | null }) {
  const content = input.content === undefined || input.content === null ? undefined : parseMappingContent(input.content);
  return fromDb(() =>
    deps.prisma.$transaction(async (tx) => {
      const v = await createDraft(tx, {
        tenantId: p.tenantId,
        mappingId,
        content: content as object | undefined,
        note: input.note ?? null,
        authorId: p.kind === 'user' ? p.userId : null,
      });
      await audit(tx, p, 'mapping.draft.create', 'MappingVersion', v.id, { mappingId, number: v.number });
      return v;
    }),
  );
}

export async function updateMappingDraft(deps: AppDeps, p: Principal, versionId: string, input: { content?: unknown; note?: string | null }) {
  const content = input.content === undefined || input.content === null ? undefined : parseMappingContent(input.content);
  if (input.note && input.note.length > 2000) throw new InputError('note: at most 2000 characters', [{ path: 'note', message: 'at most 2000 characters' }]);
  return fromDb(() =>
    deps.prisma.$transaction(async (tx) => {
      const v = await updateDraft(tx, { tenantId: p.tenantId, versionId, content: content as object | undefined, note: input.note });
      await audit(tx, p, 'mapping.draft.update', 'MappingVersion', versionId, { rules: content?.rules.length });
      return v;
    }),
  );
}

async function loadVersion(deps: AppDeps, p: Principal, versionId: string) {
  const v = await deps.prisma.mappingVersion.findFirst({
    where: { id: versionId, mapping: { tenantId: p.tenantId } },
    include: { mapping: { include: { publishedVersion: true } } },
  });
  if (!v) throw new NotFoundError('MappingVersion', versionId);
  return v;
}

export async function validateVersion(deps: AppDeps, p: Principal, versionId: string): Promise<Diagnostic[]> {
  const v = await loadVersion(deps, p, versionId);
  return validateMapping(parseMappingContent(v.content));
}

export function validateContent(content: unknown): Diagnostic[] {
  return validateMapping(parseMappingContent(content));
}

export async function publishMappingVersion(deps: AppDeps, p: Principal, versionId: string) {
  const v = await loadVersion(deps, p, versionId);
  const diagnostics = validateMapping(parseMappingContent(v.content));
  if (!isPublishable(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new InputError(
      `Version ${v.number} has ${errors.length} error(s) and cannot be published: ${errors[0]?.target || 'mapping'}: ${errors[0]?.message}`,
      errors.map((d) => ({ path: d.market ? `${d.market}.${d.target}` : d.target, message: d.message })),
    );
  }
  const r = await fromDb(() => publishVersion(deps.prisma, { tenantId: p.tenantId, versionId, actor: actorOf(p) }, deps.now()));
  await deps.events
    .publish('mappingPublished', { tenantId: p.tenantId, mappingId: r.mapping.id, versionId: r.version.id })
    .catch((err: unknown) => deps.logger.warn({ err }, 'could not publish mappingPublished'));
  return r.version;
}

export async function rollbackMapping(deps: AppDeps, p: Principal, mappingId: string, toVersionId: string) {
  const r = await fromDb(() => repoRollback(deps.prisma, { tenantId: p.tenantId, mappingId, toVersionId, actor: actorOf(p) }, deps.now()));
  await deps.events
    .publish('mappingPublished', { tenantId: p.tenantId, mappingId, versionId: r.version.id })
    .catch((err: unknown) => deps.logger.warn({ err }, 'could not publish mappingPublished'));
  return r.version;
}

/** Sample records: the ones given, else the tenant's latest products (catalog/stock mappings). */
async function samplesFor(deps: AppDeps, p: Principal, flow: string, given: unknown[] | null | undefined): Promise<unknown[]> {
  if (given && given.length > MAX_SAMPLES) throw new InputError(`samples: at most ${MAX_SAMPLES} records`, [{ path: 'samples', message: `at most ${MAX_SAMPLES}` }]);
  if (given && given.length) return given;
  if (flow === 'catalog' || flow === 'stock') {
    const rows = await deps.prisma.product.findMany({ where: { tenantId: p.tenantId }, orderBy: { updatedAt: 'desc' }, take: 20, select: { data: true } });
    return rows.map((r) => r.data);
  }
  throw new InputError('samples: give sample records for this mapping', [{ path: 'samples', message: 'required for this flow' }]);
}

async function fxRates(deps: AppDeps): Promise<FxRate[]> {
  const rows = await deps.prisma.fxRate.findMany({ orderBy: { date: 'desc' }, take: 200 });
  return rows.map((r) => ({
    currency: r.currency,
    date: r.date.toISOString().slice(0, 10),
    value: r.value.toString(),
    multiplier: r.multiplier,
    source: r.source,
  }));
}

const ContextSchema = z
  .object({ market: Market.optional(), currency: z.string().optional(), vatRate: z.union([z.string(), z.number()]).optional(), date: z.string().optional(), vars: z.record(z.string(), z.unknown()).optional() })
  .strict();

function contextFor(market: Market | undefined, fx: FxRate[], extra: z.infer<typeof ContextSchema> = {}): EvalContext {
  return { ...(market ? { market, currency: MARKET_CURRENCY[market] } : {}), date: new Date().toISOString().slice(0, 10), fx, ...extra };
}

export async function previewMapping(
  deps: AppDeps,
  p: Principal,
  input: { versionId?: string | null; content?: unknown; samples?: unknown[] | null; context?: unknown },
) {
  let content: MappingVersionContent;
  let flow = 'catalog';
  if (input.versionId) {
    const v = await loadVersion(deps, p, input.versionId);
    content = parseMappingContent(input.content ?? v.content);
    flow = v.mapping.flow;
  } else if (input.content !== undefined && input.content !== null) {
    content = parseMappingContent(input.content);
  } else throw new InputError('versionId or content is required', [{ path: 'versionId', message: 'give versionId or content' }]);
  const ctx = ContextSchema.safeParse(input.context ?? {});
  if (!ctx.success) throw InputError.fromZod(ctx.error, 'context');
  const records = await samplesFor(deps, p, flow, input.samples);
  const fx = await fxRates(deps);
  return mappingPreview(content, records, contextFor(ctx.data.market, fx, ctx.data));
}

/** Field- and money-level diff of a draft against the mapping's published version, per market. */
export async function mappingImpactReport(deps: AppDeps, p: Principal, input: { versionId: string; samples?: unknown[] | null; markets?: string[] | null }) {
  const v = await loadVersion(deps, p, input.versionId);
  const published = v.mapping.publishedVersion;
  if (!published) throw new InputError('versionId: the mapping has no published version to compare with', [{ path: 'versionId', message: 'no published version' }]);
  const markets = (input.markets?.length ? input.markets : Market.options).map((m) => {
    const r = Market.safeParse(m);
    if (!r.success) throw new InputError(`markets: "${m}" is not a market (SE, DK, FI, NO)`, [{ path: 'markets', message: 'unknown market' }]);
    return r.data;
  });
  const records = await samplesFor(deps, p, v.mapping.flow, input.samples);
  const fx = await fxRates(deps);
  return mappingImpact(
    parseMappingContent(v.content),
    parseMappingContent(published.content),
    records,
    markets.map((m) => contextFor(m, fx)),
  );
}
