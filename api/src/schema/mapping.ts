/** Mappings and their versions: drafts, validation, preview, impact, publish, rollback, history with authors. */
import type { Diagnostic, PreviewRow } from '@megzo/mapping';
import { builder } from '../builder.ts';
import { principalOf, tenantOf } from '../context.ts';
import {
  createMapping,
  createMappingDraft,
  mappingImpactReport,
  previewMapping,
  publishMappingVersion,
  rollbackMapping,
  updateMappingDraft,
  validateContent,
  validateVersion,
} from '../commands/mappings.ts';
import { COMMON_ERRORS } from './errors.ts';
import { FlowEnum, MappingVersionStatusEnum } from './enums.ts';

export const MappingRef = builder.prismaObject('Mapping', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    flow: t.expose('flow', { type: FlowEnum }),
    sourceKind: t.exposeString('sourceKind'),
    targetKind: t.exposeString('targetKind'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publishedVersion: t.relation('publishedVersion', { nullable: true }),
    versions: t.relation('versions', { description: 'History, newest first, with authors.', query: { orderBy: { number: 'desc' } } }),
    draft: t.prismaField({
      type: 'MappingVersion',
      nullable: true,
      description: 'The newest draft, if any.',
      resolve: (query, m, _args, ctx) =>
        ctx.prisma.mappingVersion.findFirst({ ...query, where: { mappingId: m.id, status: 'DRAFT' }, orderBy: { number: 'desc' } }),
    }),
  }),
});

export const MappingVersionRef = builder.prismaObject('MappingVersion', {
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    status: t.expose('status', { type: MappingVersionStatusEnum }),
    content: t.expose('content', { type: 'JSON', description: '{ rules: [{ target, expression, note? }], lookups, marketOverrides? }' }),
    contentHash: t.exposeString('contentHash'),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    author: t.relation('author', { nullable: true }),
    publishedBy: t.relation('publishedBy', { nullable: true }),
    mapping: t.relation('mapping'),
    diagnostics: t.field({
      type: [MappingDiagnostic],
      description: 'Validation of this version (syntax, unknown functions or fields, targets).',
      select: { content: true },
      resolve: (v) => validateContent(v.content),
    }),
  }),
});

const SeverityEnum = builder.enumType('DiagnosticSeverity', { values: ['error', 'warning', 'info'] as const });
const MappingDiagnostic = builder.objectRef<Diagnostic>('MappingDiagnostic').implement({
  fields: (t) => ({
    target: t.exposeString('target'),
    market: t.string({ nullable: true, resolve: (d) => d.market ?? null }),
    severity: t.field({ type: SeverityEnum, resolve: (d) => d.severity }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    startLine: t.exposeInt('startLine'),
    startColumn: t.exposeInt('startColumn'),
    endLine: t.exposeInt('endLine'),
    endColumn: t.int({ resolve: (d) => (d as Diagnostic & { endColumn: number }).endColumn }),
  }),
});

const FieldErrorRef = builder.objectRef<{ target: string; message: string; code: string }>('MappingFieldError').implement({
  fields: (t) => ({ target: t.exposeString('target'), message: t.exposeString('message'), code: t.exposeString('code') }),
});
const PreviewRowRef = builder.objectRef<PreviewRow>('MappingPreviewRow').implement({
  fields: (t) => ({
    index: t.exposeInt('index'),
    key: t.exposeString('key'),
    ok: t.exposeBoolean('ok'),
    output: t.expose('output', { type: 'JSON' }),
    errors: t.field({ type: [FieldErrorRef], resolve: (r) => r.errors }),
    warnings: t.exposeStringList('warnings'),
  }),
});

builder.queryFields((t) => ({
  mappings: t.prismaField({
    type: ['Mapping'],
    authScopes: { read: 'mappings' },
    args: { flow: t.arg({ type: FlowEnum }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.mapping.findMany({ ...query, where: { tenantId: tenantOf(ctx), flow: args.flow ?? undefined }, orderBy: { name: 'asc' } }),
  }),
  mapping: t.prismaField({
    type: 'Mapping',
    nullable: true,
    authScopes: { read: 'mappings' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.mapping.findFirst({ ...query, where: { id: String(id), tenantId: tenantOf(ctx) } }),
  }),
  mappingVersion: t.prismaField({
    type: 'MappingVersion',
    nullable: true,
    authScopes: { read: 'mappings' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.mappingVersion.findFirst({ ...query, where: { id: String(id), mapping: { tenantId: tenantOf(ctx) } } }),
  }),
  validateMapping: t.field({
    type: [MappingDiagnostic],
    description: 'Validate mapping content (or a stored version) without saving anything.',
    authScopes: { read: 'mappings' },
    errors: { types: COMMON_ERRORS },
    args: { content: t.arg({ type: 'JSON' }), versionId: t.arg.id() },
    resolve: (_root, args, ctx) =>
      args.versionId ? validateVersion(ctx.deps, principalOf(ctx), String(args.versionId)) : validateContent(args.content ?? null),
  }),
  previewMapping: t.field({
    type: [PreviewRowRef],
    description: "Evaluate a version (or unsaved content) on sample records; without samples, the tenant's latest products.",
    authScopes: { read: 'mappings' },
    errors: { types: COMMON_ERRORS },
    args: {
      versionId: t.arg.id(),
      content: t.arg({ type: 'JSON' }),
      samples: t.arg({ type: ['JSON'] }),
      context: t.arg({ type: 'JSON', description: '{ market?, currency?, vatRate?, date?, vars? }' }),
    },
    resolve: (_root, args, ctx) =>
      previewMapping(ctx.deps, principalOf(ctx), {
        versionId: args.versionId ? String(args.versionId) : null,
        content: args.content,
        samples: args.samples,
        context: args.context,
      }),
  }),
  mappingImpact: t.field({
    type: 'JSON',
    description: 'Field- and money-level diff of a version against the published one, per market: { markets, records, summary }.',
    authScopes: { read: 'mappings' },
    errors: { types: COMMON_ERRORS },
    args: { versionId: t.arg.id({ required: true }), samples: t.arg({ type: ['JSON'] }), markets: t.arg.stringList() },
    resolve: (_root, args, ctx) =>
      mappingImpactReport(ctx.deps, principalOf(ctx), { versionId: String(args.versionId), samples: args.samples, markets: args.markets }),
  }),
}));

const CreateMappingInput = builder.inputType('CreateMappingInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    flow: t.field({ type: FlowEnum, required: true }),
    sourceKind: t.string({ required: true, description: "e.g. 'erp-charisma:products'" }),
    targetKind: t.string({ required: true, description: "e.g. 'marketplace-cdon:offers'" }),
    content: t.field({ type: 'JSON', description: 'Content of the first draft; empty rules when absent.' }),
  }),
});

builder.mutationFields((t) => ({
  createMapping: t.field({
    type: MappingRef,
    authScopes: { write: 'mappings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { input: t.arg({ type: CreateMappingInput, required: true }) },
    resolve: (_root, { input }, ctx) => createMapping(ctx.deps, principalOf(ctx), { ...input, content: input.content }),
  }),
  createMappingDraft: t.field({
    type: MappingVersionRef,
    description: "A new draft; its content defaults to a copy of the published version's.",
    authScopes: { write: 'mappings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { mappingId: t.arg.id({ required: true }), content: t.arg({ type: 'JSON' }), note: t.arg.string() },
    resolve: (_root, args, ctx) => createMappingDraft(ctx.deps, principalOf(ctx), String(args.mappingId), args),
  }),
  updateMappingDraft: t.field({
    type: MappingVersionRef,
    description: 'Edit the rules (content) or note of a draft. Published versions are frozen.',
    authScopes: { write: 'mappings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { versionId: t.arg.id({ required: true }), content: t.arg({ type: 'JSON' }), note: t.arg.string() },
    resolve: (_root, args, ctx) => updateMappingDraft(ctx.deps, principalOf(ctx), String(args.versionId), args),
  }),
  publishMappingVersion: t.field({
    type: MappingVersionRef,
    description: 'Publish a valid draft: the next runs use it; the previous version is archived.',
    authScopes: { write: 'mappings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { versionId: t.arg.id({ required: true }) },
    resolve: (_root, { versionId }, ctx) => publishMappingVersion(ctx.deps, principalOf(ctx), String(versionId)),
  }),
  rollbackMapping: t.field({
    type: MappingVersionRef,
    description: 'Publish an earlier (archived) version again.',
    authScopes: { write: 'mappings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { mappingId: t.arg.id({ required: true }), toVersionId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => rollbackMapping(ctx.deps, principalOf(ctx), String(args.mappingId), String(args.toVersionId)),
  }),
}));
