/** Enqueue coalesced wake-up runs for an integration, after a push from one of its systems. */
import type { FlowId } from '@megzo/domain';
import type { AppDeps } from '../deps.ts';
import { InputError, NotFoundError } from '../errors.ts';

/** Which flows a push from a connector kind wakes when the sender names none. */
const DEFAULT_FLOWS: Record<string, FlowId[]> = {
  erp: ['catalog', 'stock', 'invoices'],
  marketplace: ['orders', 'returns'],
  courier: ['tracking'],
  fx: ['catalog'],
};

export interface WakeUpInput {
  tenantId: string;
  integrationId: string;
  /** The connector id of the system that pushed, e.g. 'erp-charisma'. */
  source: string;
  flow?: FlowId;
  reason: string;
}

export async function wakeUpIntegration(deps: AppDeps, input: WakeUpInput): Promise<{ flows: FlowId[] }> {
  const integration = await deps.prisma.integration.findFirst({
    where: { id: input.integrationId, tenantId: input.tenantId },
    select: {
      enabled: true,
      erpConnection: { select: { connectorId: true } },
      courierConnection: { select: { connectorId: true } },
      fxConnection: { select: { connectorId: true } },
      channels: { select: { connection: { select: { connectorId: true } } } },
      flows: { select: { flow: true, enabled: true } },
    },
  });
  if (!integration) throw new NotFoundError('Integration', input.integrationId);
  const sources = [
    integration.erpConnection.connectorId,
    integration.courierConnection?.connectorId,
    integration.fxConnection?.connectorId,
    ...integration.channels.map((c) => c.connection.connectorId),
  ].filter((s): s is string => !!s);
  if (!sources.includes(input.source))
    throw new InputError(`Source "${input.source}" is not a system of this integration (expected one of: ${sources.join(', ')})`);
  const kind = input.source.split('-')[0] ?? '';
  const wanted = input.flow ? [input.flow] : (DEFAULT_FLOWS[kind] ?? []);
  const enabled = new Set(integration.flows.filter((f) => f.enabled).map((f) => f.flow as FlowId));
  const flows = integration.enabled ? wanted.filter((f) => enabled.has(f)) : [];
  for (const flow of flows) {
    await deps.jobs.enqueueRunFlow(
      { tenantId: input.tenantId, integrationId: input.integrationId, flow, trigger: 'wakeup' },
      { coalesce: true },
    );
    deps.metrics.syncRunsRequested.inc({ flow, trigger: 'wakeup' });
    await deps.events.publish('wakeUp', { tenantId: input.tenantId, integrationId: input.integrationId, flow, reason: input.reason });
  }
  return { flows };
}
