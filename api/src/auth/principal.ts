/**
 * Who is calling, and what they may do. Every principal belongs to exactly one
 * tenant; every resolver scopes its reads and writes to `principal.tenantId`.
 *
 * Roles: VIEWER reads; EDITOR also writes mappings, runs and integrations;
 * ADMIN writes everything (users, API keys, connections, GDPR requests).
 * API keys carry explicit scopes `<area>:read` / `<area>:write` (write implies read).
 */
import { z } from 'zod';

export const AREAS = [
  'catalog',
  'orders',
  'runs',
  'mappings',
  'integrations',
  'connections',
  'fx',
  'audit',
  'users',
  'apiKeys',
  'gdpr',
] as const;
export type Area = (typeof AREAS)[number];
export type Access = 'read' | 'write';
export type Role = 'ADMIN' | 'EDITOR' | 'VIEWER';

/** Areas an API key may be granted; user, key and GDPR administration stay with studio admins. */
export const API_KEY_AREAS = ['catalog', 'orders', 'runs', 'mappings', 'integrations', 'connections', 'fx', 'audit'] as const;
export const ApiKeyScope = z
  .string()
  .regex(
    new RegExp(`^(${API_KEY_AREAS.join('|')}):(read|write)$`),
    `must be "<area>:read" or "<area>:write" with area one of ${API_KEY_AREAS.join(', ')}`,
  );

const EDITOR_WRITES: readonly Area[] = ['mappings', 'runs', 'integrations'];
const ADMIN_ONLY_READS: readonly Area[] = ['apiKeys', 'gdpr'];

export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; role: Role; sessionId: string | null }
  | { kind: 'apiKey'; tenantId: string; apiKeyId: string; scopes: readonly string[] };

export function can(p: Principal | null | undefined, area: Area, access: Access): boolean {
  if (!p) return false;
  if (p.kind === 'apiKey') {
    return p.scopes.includes(`${area}:write`) || (access === 'read' && p.scopes.includes(`${area}:read`));
  }
  if (p.role === 'ADMIN') return true;
  if (access === 'read') return !ADMIN_ONLY_READS.includes(area);
  return p.role === 'EDITOR' && EDITOR_WRITES.includes(area);
}

/** Actor columns for audit rows. */
export function actorOf(p: Principal): { actorUserId: string | null; actorApiKeyId: string | null } {
  return p.kind === 'user'
    ? { actorUserId: p.userId, actorApiKeyId: null }
    : { actorUserId: null, actorApiKeyId: p.apiKeyId };
}
