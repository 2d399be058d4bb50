import { FLOWS } from '@megzo/domain';
import { builder } from '../builder.ts';

export const FlowEnum = builder.enumType('Flow', { values: [...FLOWS] as ['catalog', 'stock', 'orders', 'invoices', 'tracking', 'returns'] });
export const RunStatusEnum = builder.enumType('RunStatus', {
  values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'] as const,
});
export const RunTriggerEnum = builder.enumType('RunTrigger', { values: ['heartbeat', 'manual', 'wakeup', 'retry'] as const });
export const RunItemStatusEnum = builder.enumType('RunItemStatus', { values: ['OK', 'FAILED', 'RETRIED', 'RESOLVED'] as const });
export const ConnectionStatusEnum = builder.enumType('ConnectionStatus', {
  values: ['UNCHECKED', 'OK', 'FAILING', 'DISABLED'] as const,
});
export const BufferScopeEnum = builder.enumType('BufferScope', { values: ['GLOBAL', 'CATEGORY', 'SKU'] as const });
export const BufferKindEnum = builder.enumType('BufferKind', { values: ['ABSOLUTE', 'PERCENT'] as const });
export const MappingVersionStatusEnum = builder.enumType('MappingVersionStatus', {
  values: ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const,
});
export const FxSourceEnum = builder.enumType('FxSource', { values: ['BNR', 'ECB'] as const });
export const ReturnKindEnum = builder.enumType('ReturnKind', { values: ['CANCELLATION', 'REFUND', 'RETURN'] as const });
