/** Integration settings: on/off, per-flow switch + schedule + mapping, stock-buffer rules. */
import { z } from 'zod';
import { FlowId } from '@megzo/domain';
import type { AppDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { audit } from './audit.ts';

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}

async function ownIntegration(deps: AppDeps, p: Principal, id: string) {
  const i = await deps.prisma.integration.findFirst({ where: { id, tenantId: p.tenantId } });
  if (!i) throw new NotFoundError('Integration', id);
  return i;
}

export const UpdateIntegrationInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  enabled: z.boolean().optional(),
});

export async function updateIntegration(deps: AppDeps, p: Principal, id: string, input: z.input<typeof UpdateIntegrationInput>) {
  const data = parse(UpdateIntegrationInput, input);
  await ownIntegration(deps, p, id);
  const updated = await deps.prisma.$transaction(async (tx) => {
    const i = await tx.integration.update({ where: { id }, data });
    await audit(tx, p, 'integration.update', 'Integration', id, data);
    return i;
  });
  await deps.events.publish('integrationHealth', { tenantId: p.tenantId, integrationId: id }).catch(() => undefined);
  return updated;
}

export const UpdateFlowInput = z.object({
  enabled: z.boolean().optional(),
  intervalSeconds: z.number().int().min(60, 'must be at least 60 seconds').max(86_400, 'must be at most 86400 seconds (one day)').optional(),
  mappingId: z.string().min(1).nullable().optional(),
});

export async function updateIntegrationFlow(
  deps: AppDeps,
  p: Principal,
  integrationId: string,
  flow: FlowId,
  input: z.input<typeof UpdateFlowInput>,
) {
  const data = parse(UpdateFlowInput, input);
  FlowId.parse(flow);
  await ownIntegration(deps, p, integrationId);
  if (data.mappingId) {
    const m = await deps.prisma.mapping.findFirst({ where: { id: data.mappingId, tenantId: p.tenantId }, select: { flow: true } });
    if (!m) throw new NotFoundError('Mapping', data.mappingId);
    if (m.flow !== flow) throw new InputError(`mappingId: mapping is for the ${m.flow} flow, not ${flow}`, [{ path: 'mappingId', message: `is for the ${m.flow} flow` }]);
  }
  const row = await deps.prisma.$transaction(async (tx) => {
    const f = await tx.integrationFlow.upsert({
      where: { integrationId_flow: { integrationId, flow } },
      create: { integrationId, flow, ...data, nextRunAt: data.enabled === false ? null : undefined },
      update: { ...data, ...(data.enabled === false ? { nextRunAt: null } : {}) },
    });
    await audit(tx, p, 'integration.flow.update', 'IntegrationFlow', f.id, { flow, ...data });
    return f;
  });
  await deps.events.publish('integrationHealth', { tenantId: p.tenantId, integrationId }).catch(() => undefined);
  return row;
}

export const BufferRuleInput = z
  .object({
    scope: z.enum(['GLOBAL', 'CATEGORY', 'SKU']),
    key: z.string().trim().max(200).default(''),
    kind: z.enum(['ABSOLUTE', 'PERCENT']),
    value: z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal written as a string, e.g. "2" or "10.5"'),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'GLOBAL' && v.key !== '') ctx.addIssue({ code: 'custom', path: ['key'], message: 'must be empty for a GLOBAL rule' });
    if (v.scope !== 'GLOBAL' && v.key === '') ctx.addIssue({ code: 'custom', path: ['key'], message: `must name the ${v.scope === 'SKU' ? 'SKU' : 'category'}` });
    if (v.kind === 'PERCENT' && Number(v.value) > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be at most 100 for a PERCENT rule' });
  });

export async function setStockBufferRule(deps: AppDeps, p: Principal, integrationId: string, input: z.input<typeof BufferRuleInput>) {
  const data = parse(BufferRuleInput, input);
  await ownIntegration(deps, p, integrationId);
  return deps.prisma.$transaction(async (tx) => {
    const r = await tx.stockBufferRule.upsert({
      where: { integrationId_scope_key: { integrationId, scope: data.scope, key: data.key } },
      create: { integrationId, ...data },
      update: { kind: data.kind, value: data.value },
    });
    await audit(tx, p, 'integration.bufferRule.set', 'StockBufferRule', r.id, data);
    return r;
  });
}

export async function deleteStockBufferRule(deps: AppDeps, p: Principal, id: string): Promise<string> {
  const rule = await deps.prisma.stockBufferRule.findFirst({ where: { id, integration: { tenantId: p.tenantId } } });
  if (!rule) throw new NotFoundError('StockBufferRule', id);
  await deps.prisma.$transaction(async (tx) => {
    await tx.stockBufferRule.delete({ where: { id } });
    await audit(tx, p, 'integration.bufferRule.delete', 'StockBufferRule', id, { scope: rule.scope, key: rule.key });
  });
  return id;
}

export { ConflictError };
