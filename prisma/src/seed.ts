/**
 * The demo data of a fresh install: only when the database has no tenant at all.
 *
 * This package may import only @megzo/domain, so everything connector-specific comes
 * from the caller (the start script): each connection's full config, which of its
 * fields are secret, the default mappings, and how passwords are hashed.
 */
import { FLOWS, type FlowId } from '@megzo/domain';
import type { Db, PrismaClient, Role } from './client.ts';
import { secretBox, type SecretBox } from './crypto.ts';
import { createConnection, type ConfigObject } from './repositories/connections.repo.ts';
import { createDraft, createMapping, publishVersion, type MappingContent } from './repositories/mappings.repo.ts';
import { isUniqueViolation } from './repositories/errors.ts';
import { recordAudit } from './repositories/audit.repo.ts';

export interface SeedConnection {
  /** Registry id, e.g. 'erp-charisma', 'marketplace-cdon', 'courier-dhl', 'fx-bnr'. */
  connectorId: string;
  name: string;
  /** The full config the connector expects, secrets included. */
  config: ConfigObject;
  /** Which config fields are secret (from the connector's spec): stored encrypted. */
  secretFields: readonly string[];
}

export interface SeedMapping {
  name: string;
  flow: FlowId;
  sourceKind: string;
  targetKind: string;
  content: MappingContent;
}

export interface SeedOptions {
  /** Passwords of admin@, editor@ and viewer@demo.megzo.local, chosen by the caller. */
  passwords: { admin: string; editor: string; viewer: string };
  hashPassword: (password: string) => Promise<string>;
  connections: {
    erp: SeedConnection;
    /** One per sandbox merchant, with the markets it serves (e.g. SE, DK, FI, NO). */
    channels: ReadonlyArray<SeedConnection & { markets: readonly string[] }>;
    courier?: SeedConnection;
    /** FX sources (BNR, ECB); the first one is the integration's. */
    fx?: readonly SeedConnection[];
  };
  /** Published as version 1 each; a flow uses the first mapping of its flow. */
  defaultMappings?: readonly SeedMapping[];
  /** Plaintext; stored encrypted. */
  webhookSecret?: string;
  /** Defaults to 300 s for every flow. */
  intervalSeconds?: number;
  box?: SecretBox;
}

export const DEMO_TENANT = { name: 'Demo Vendor SRL', slug: 'demo' } as const;
export const DEMO_USERS: ReadonlyArray<{ key: 'admin' | 'editor' | 'viewer'; email: string; role: Role; name: string }> = [
  { key: 'admin', email: 'admin@demo.megzo.local', role: 'ADMIN', name: 'Demo Admin' },
  { key: 'editor', email: 'editor@demo.megzo.local', role: 'EDITOR', name: 'Demo Editor' },
  { key: 'viewer', email: 'viewer@demo.megzo.local', role: 'VIEWER', name: 'Demo Viewer' },
];

export interface SeedResult {
  seeded: boolean;
  tenantId?: string;
  integrationId?: string;
}

function check(opts: SeedOptions): void {
  for (const u of DEMO_USERS) {
    if (!opts.passwords[u.key]) throw new RangeError(`seed: passwords.${u.key} must not be empty`);
  }
  if (opts.connections.channels.length === 0) throw new RangeError('seed: connections.channels must list at least one channel');
  opts.connections.channels.forEach((c, i) => {
    if (c.markets.length === 0) throw new RangeError(`seed: connections.channels[${i}].markets must not be empty`);
  });
  opts.defaultMappings?.forEach((m, i) => {
    if (!FLOWS.includes(m.flow)) throw new RangeError(`seed: defaultMappings[${i}].flow "${m.flow}" is not one of ${FLOWS.join(', ')}`);
  });
}

/** Seed the demo tenant unless any tenant exists. Everything happens in one transaction. */
export async function seed(prisma: PrismaClient, opts: SeedOptions): Promise<SeedResult> {
  check(opts);
  if ((await prisma.tenant.count()) > 0) return { seeded: false };
  const box = opts.box ?? secretBox();
  const hashes = Object.fromEntries(await Promise.all(DEMO_USERS.map(async (u) => [u.key, await opts.hashPassword(opts.passwords[u.key])] as const)));
  try {
    return await prisma.$transaction(async (tx) => seedIn(tx, opts, box, hashes), { timeout: 60_000, maxWait: 10_000 });
  } catch (e) {
    if (isUniqueViolation(e)) return { seeded: false }; // another process seeded at the same time
    throw e;
  }
}

async function seedIn(tx: Db, opts: SeedOptions, box: SecretBox, hashes: Record<string, string>): Promise<SeedResult> {
  const tenant = await tx.tenant.create({
    data: { ...DEMO_TENANT, webhookSecret: opts.webhookSecret ? box.encrypt(opts.webhookSecret) : null },
  });
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const row = await tx.user.create({ data: { tenantId: tenant.id, email: u.email, role: u.role, name: u.name, passwordHash: hashes[u.key]! } });
    users[u.key] = row.id;
  }
  const connect = async (c: SeedConnection) =>
    (await createConnection(tx, { tenantId: tenant.id, connectorId: c.connectorId, name: c.name, config: c.config }, { secretFields: c.secretFields, box })).id;

  const erpId = await connect(opts.connections.erp);
  const channels: Array<{ id: string; markets: string[] }> = [];
  for (const c of opts.connections.channels) channels.push({ id: await connect(c), markets: [...c.markets] });
  const courierId = opts.connections.courier ? await connect(opts.connections.courier) : null;
  const fxIds: string[] = [];
  for (const c of opts.connections.fx ?? []) fxIds.push(await connect(c));

  const mappingOfFlow = new Map<FlowId, string>();
  for (const m of opts.defaultMappings ?? []) {
    const mapping = await createMapping(tx, { tenantId: tenant.id, name: m.name, flow: m.flow, sourceKind: m.sourceKind, targetKind: m.targetKind });
    const draft = await createDraft(tx, { tenantId: tenant.id, mappingId: mapping.id, content: m.content, note: 'Default mapping', authorId: users.admin ?? null });
    await publishVersion(tx, { tenantId: tenant.id, versionId: draft.id, actor: { userId: users.admin ?? null } });
    if (!mappingOfFlow.has(m.flow)) mappingOfFlow.set(m.flow, mapping.id);
  }

  const now = new Date();
  const integration = await tx.integration.create({
    data: {
      tenantId: tenant.id,
      name: 'Charisma → CDON',
      erpConnectionId: erpId,
      courierConnectionId: courierId,
      fxConnectionId: fxIds[0] ?? null,
      channels: { create: channels.map((c) => ({ connectionId: c.id, markets: c.markets })) },
      flows: {
        create: FLOWS.map((flow) => ({
          flow,
          enabled: true,
          intervalSeconds: opts.intervalSeconds ?? 300,
          nextRunAt: now,
          mappingId: mappingOfFlow.get(flow) ?? null,
        })),
      },
    },
  });
  await recordAudit(tx, { tenantId: tenant.id, action: 'tenant.seed', entityType: 'Tenant', entityId: tenant.id, data: { integrationId: integration.id } });
  return { seeded: true, tenantId: tenant.id, integrationId: integration.id };
}
