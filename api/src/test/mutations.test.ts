/** Every mutation over a real server: effects in the database, audit rows, jobs enqueued, role limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENDA_TABLE, JOB_RUN_FLOW } from '@megzo/domain';
import { startTestApp, type TestApp } from './harness.ts';
import { PASSWORD, seedTenant, type SeededTenant } from './fixtures.ts';
import { gql, signInAs } from './client.ts';

let t: TestApp;
let a: SeededTenant;
let admin: { cookie: string; csrf: string };
let editor: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await seedTenant(t.db.prisma, t.deps.secrets, 'm-a');
  [admin, editor, viewer] = await Promise.all([
    signInAs(t.gql, a.users.admin, PASSWORD),
    signInAs(t.gql, a.users.editor, PASSWORD),
    signInAs(t.gql, a.users.viewer, PASSWORD),
  ]);
});
afterAll(() => t?.close());

async function m(query: string, variables: Record<string, unknown>, auth: Parameters<typeof gql>[3]) {
  const r = await gql(t.gql, query, variables, auth);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!;
}
const jobs = () =>
  t.db.prisma.$queryRawUnsafe<{ name: string; data: Record<string, unknown> }[]>(`SELECT name, data FROM "${AGENDA_TABLE}" ORDER BY created_at`).catch(() =>
    t.db.prisma.$queryRawUnsafe<{ name: string; data: Record<string, unknown> }[]>(`SELECT name, data FROM "${AGENDA_TABLE}"`),
  );
const audits = (action: string) => t.db.prisma.auditEvent.count({ where: { tenantId: a.tenantId, action } });

describe('runs', () => {
  it('runSync creates a QUEUED run, enqueues JOB_RUN_FLOW with its id, audits', async () => {
    const d = await m('mutation($i: ID!) { runSync(integrationId: $i, flow: stock) { __typename ... on SyncRun { id status trigger flow } } }', { i: a.integrationId }, editor);
    expect(d.runSync).toMatchObject({ __typename: 'SyncRun', status: 'QUEUED', trigger: 'manual', flow: 'stock' });
    const job = (await jobs()).find((j) => j.data.runId === d.runSync.id);
    expect(job).toMatchObject({ name: JOB_RUN_FLOW, data: { tenantId: a.tenantId, integrationId: a.integrationId, flow: 'stock', trigger: 'manual' } });
    expect(await audits('run.request')).toBe(1);
  });

  it('runSync on a switched-off flow is a typed ConflictError and enqueues nothing', async () => {
    await m('mutation($i: ID!) { updateIntegrationFlow(integrationId: $i, flow: returns, input: { enabled: false }) { __typename } }', { i: a.integrationId }, editor);
    const before = (await jobs()).length;
    const d = await m('mutation($i: ID!) { runSync(integrationId: $i, flow: returns) { __typename ... on Error { message } } }', { i: a.integrationId }, editor);
    expect(d.runSync).toEqual({ __typename: 'ConflictError', message: 'Flow returns is switched off for this integration' });
    expect((await jobs()).length).toBe(before);
  });

  it('retryRunItem(s) marks items RETRIED and queues a retry run with their ids; resolve marks RESOLVED with the author', async () => {
    const [first, second] = a.failedItemIds as [string, string];
    const r = await m('mutation($id: ID!) { retryRunItem(id: $id) { __typename ... on RetryRunItemsResult { runs { id trigger status } } } }', { id: first }, editor);
    expect(r.retryRunItem.runs[0]).toMatchObject({ trigger: 'retry', status: 'QUEUED' });
    const job = (await jobs()).find((j) => j.data.runId === r.retryRunItem.runs[0].id);
    expect(job?.data.itemIds).toEqual([first]);
    expect((await t.db.prisma.syncRunItem.findUniqueOrThrow({ where: { id: first } })).status).toBe('RETRIED');

    const again = await m('mutation($ids: [ID!]!) { retryRunItems(ids: $ids) { __typename ... on Error { message } } }', { ids: [first] }, editor);
    expect(again.retryRunItems.__typename).toBe('ConflictError');

    const res = await m(
      'mutation($id: ID!) { resolveRunItem(id: $id, note: "fixed by hand") { __typename ... on ResolveRunItemsResult { items { status resolvedBy { email } } } } }',
      { id: second },
      editor,
    );
    expect(res.resolveRunItem.items[0]).toEqual({ status: 'RESOLVED', resolvedBy: { email: a.users.editor } });
    const bulk = await m('mutation($ids: [ID!]!) { resolveRunItems(ids: $ids) { __typename } }', { ids: [second] }, editor);
    expect(bulk.resolveRunItems.__typename).toBe('ConflictError');
    const empty = await m('mutation { retryRunItems(ids: []) { __typename ... on InputError { issues { path } } } }', {}, editor);
    expect(empty.retryRunItems).toEqual({ __typename: 'InputError', issues: [{ path: 'ids' }] });
  });

  it('viewers cannot write', async () => {
    const r = await gql(t.gql, 'mutation($i: ID!) { runSync(integrationId: $i, flow: stock) { __typename } }', { i: a.integrationId }, viewer);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('integrations', () => {
  it('updateIntegration, updateIntegrationFlow (schedule, mapping), stock-buffer rules', async () => {
    const u = await m('mutation($i: ID!) { updateIntegration(id: $i, input: { name: "Renamed" }) { __typename ... on Integration { name enabled } } }', { i: a.integrationId }, editor);
    expect(u.updateIntegration).toEqual({ __typename: 'Integration', name: 'Renamed', enabled: true });
    const f = await m(
      'mutation($i: ID!, $m: ID!) { updateIntegrationFlow(integrationId: $i, flow: catalog, input: { intervalSeconds: 600, mappingId: $m }) { __typename ... on IntegrationFlow { intervalSeconds mapping { id } } } }',
      { i: a.integrationId, m: a.mappingId },
      editor,
    );
    expect(f.updateIntegrationFlow).toEqual({ __typename: 'IntegrationFlow', intervalSeconds: 600, mapping: { id: a.mappingId } });
    const bad = await m('mutation($i: ID!) { updateIntegrationFlow(integrationId: $i, flow: stock, input: { intervalSeconds: 5 }) { __typename ... on InputError { message } } }', { i: a.integrationId }, editor);
    expect(bad.updateIntegrationFlow.message).toMatch(/intervalSeconds: must be at least 60 seconds/);
    const rule = await m(
      'mutation($i: ID!) { setStockBufferRule(integrationId: $i, input: { scope: SKU, key: "SKU-1", kind: PERCENT, value: "10" }) { __typename ... on StockBufferRule { id scope key kind value } } }',
      { i: a.integrationId },
      editor,
    );
    expect(rule.setStockBufferRule).toMatchObject({ scope: 'SKU', key: 'SKU-1', kind: 'PERCENT', value: '10' });
    const badRule = await m('mutation($i: ID!) { setStockBufferRule(integrationId: $i, input: { scope: SKU, kind: PERCENT, value: "150" }) { __typename ... on InputError { issues { path message } } } }', { i: a.integrationId }, editor);
    expect(badRule.setStockBufferRule.issues.map((i: { path: string }) => i.path).sort()).toEqual(['key', 'value']);
    const del = await m('mutation($id: ID!) { deleteStockBufferRule(id: $id) { __typename ... on MutationDeleteStockBufferRuleSuccess { data } } }', { id: rule.setStockBufferRule.id }, editor);
    expect(del.deleteStockBufferRule.data).toBe(rule.setStockBufferRule.id);
    expect(await audits('integration.bufferRule.delete')).toBe(1);
  });
});

describe('mappings', () => {
  it('createMapping, draft edit, publish (validated), rollback, frozen published versions', async () => {
    const c = await m(
      'mutation { createMapping(input: { name: "Stock", flow: stock, sourceKind: "erp-charisma:stock", targetKind: "marketplace-cdon:quantity", content: { rules: [{ target: "quantity", expression: "available" }] } }) { __typename ... on Mapping { id draft { id number author { email } } } } }',
      {},
      editor,
    );
    expect(c.createMapping.draft).toMatchObject({ number: 1, author: { email: a.users.editor } });
    const up = await m(
      'mutation($v: ID!, $c: JSON) { updateMappingDraft(versionId: $v, content: $c, note: "rename") { __typename ... on MappingVersion { content note } } }',
      { v: a.draftVersionId, c: { rules: [{ target: 'title', expression: '$uppercase(name)' }], lookups: {} } },
      editor,
    );
    expect(up.updateMappingDraft.note).toBe('rename');
    const invalid = await m('mutation($v: ID!) { updateMappingDraft(versionId: $v, content: { rules: [{ target: "" }] }) { __typename ... on InputError { issues { path } } } }', { v: a.draftVersionId }, editor);
    expect(invalid.updateMappingDraft.__typename).toBe('InputError');

    const pub = await m('mutation($v: ID!) { publishMappingVersion(versionId: $v) { __typename ... on MappingVersion { status publishedBy { email } } } }', { v: a.draftVersionId }, editor);
    expect(pub.publishMappingVersion).toEqual({ __typename: 'MappingVersion', status: 'PUBLISHED', publishedBy: { email: a.users.editor } });
    const frozen = await m('mutation($v: ID!) { updateMappingDraft(versionId: $v, note: "x") { __typename ... on Error { message } } }', { v: a.draftVersionId }, editor);
    expect(frozen.updateMappingDraft.__typename).toBe('ConflictError');

    const back = await m('mutation($m: ID!, $v: ID!) { rollbackMapping(mappingId: $m, toVersionId: $v) { __typename ... on MappingVersion { number status } } }', { m: a.mappingId, v: a.publishedVersionId }, editor);
    expect(back.rollbackMapping).toEqual({ __typename: 'MappingVersion', number: 1, status: 'PUBLISHED' });

    const draft = await m('mutation($m: ID!) { createMappingDraft(mappingId: $m) { __typename ... on MappingVersion { id number status content } } }', { m: a.mappingId }, editor);
    expect(draft.createMappingDraft).toMatchObject({ number: 3, status: 'DRAFT' });
    await m('mutation($v: ID!, $c: JSON) { updateMappingDraft(versionId: $v, content: $c) { __typename } }', { v: draft.createMappingDraft.id, c: { rules: [{ target: 'price', expression: '$nosuch(1)' }], lookups: {} } }, editor);
    const refused = await m('mutation($v: ID!) { publishMappingVersion(versionId: $v) { __typename ... on InputError { message issues { path } } } }', { v: draft.createMappingDraft.id }, editor);
    expect(refused.publishMappingVersion.__typename).toBe('InputError');
    expect(refused.publishMappingVersion.issues[0].path).toBe('price');
    expect((await t.db.prisma.mapping.findUniqueOrThrow({ where: { id: a.mappingId } })).publishedVersionId).toBe(a.publishedVersionId);
  });
});

describe('connections (admin)', () => {
  it('create / update keep secrets write-only; test and discover; delete; editors may not', async () => {
    const c = await m(
      'mutation($c: JSON!) { createConnection(input: { connectorId: "marketplace-cdon", name: "CDON 2", config: $c }) { __typename ... on Connection { id config secretFieldsSet status } ... on InputError { message } } }',
      { c: { baseUrl: 'http://127.0.0.1:1', merchantId: 'M2', token: 'tok-very-secret' } },
      admin,
    );
    expect(c.createConnection).toMatchObject({ __typename: 'Connection', config: { baseUrl: 'http://127.0.0.1:1', merchantId: 'M2' }, secretFieldsSet: ['token'] });
    const id = c.createConnection.id;
    const row = await t.db.prisma.connection.findUniqueOrThrow({ where: { id } });
    expect(row.secrets).not.toContain('tok-very-secret');
    expect(t.deps.secrets.decryptJson(row.secrets!)).toEqual({ token: 'tok-very-secret' });

    const bad = await m('mutation { createConnection(input: { connectorId: "marketplace-cdon", name: "X", config: { baseUrl: "http://x" } }) { __typename ... on InputError { message issues { path } } } }', {}, admin);
    expect(bad.createConnection.issues.map((i: { path: string }) => i.path)).toContain('config.merchantId');
    const unknown = await m('mutation { createConnection(input: { connectorId: "erp-nope", name: "X", config: {} }) { __typename ... on InputError { message } } }', {}, admin);
    expect(unknown.createConnection.message).toMatch(/unknown connector "erp-nope"/);

    const u = await m('mutation($id: ID!) { updateConnection(id: $id, input: { config: { baseUrl: "http://127.0.0.1:2", merchantId: "M3" } }) { __typename ... on Connection { config secretFieldsSet } } }', { id }, admin);
    expect(u.updateConnection).toMatchObject({ config: { merchantId: 'M3' }, secretFieldsSet: ['token'] });

    const test = await m('mutation($id: ID!) { testConnection(id: $id) { __typename ... on ConnectionTestResult { ok message connection { status lastCheckError } } } }', { id }, admin);
    expect(test.testConnection.ok).toBe(false);
    expect(test.testConnection.connection.status).toBe('FAILING');
    expect(test.testConnection.message).toBeTruthy();

    const denied = await gql(t.gql, 'mutation($id: ID!) { deleteConnection(id: $id) { __typename } }', { id }, editor);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const inUse = await m('mutation($id: ID!) { deleteConnection(id: $id) { __typename ... on Error { message } } }', { id: a.erpConnectionId }, admin);
    expect(inUse.deleteConnection.__typename).toBe('ConflictError');
    const del = await m('mutation($id: ID!) { deleteConnection(id: $id) { __typename } }', { id }, admin);
    expect(del.deleteConnection.__typename).toBe('MutationDeleteConnectionSuccess');
    expect(await audits('connection.create')).toBe(1);
  });

  it('discoverConnection answers a typed error when the system is unreachable', async () => {
    const d = await m('mutation($id: ID!) { discoverConnection(id: $id) { __typename ... on Error { message } ... on MutationDiscoverConnectionSuccess { data } } }', { id: a.channelConnectionId }, admin);
    expect(['ConflictError', 'MutationDiscoverConnectionSuccess']).toContain(d.discoverConnection.__typename);
  });
});

describe('users, keys, tenant, GDPR (admin)', () => {
  it('users: create, update role, delete; last admin protected', async () => {
    const c = await m('mutation { createUser(input: { email: "New@M-A.test", name: "New", role: VIEWER, password: "a long enough password" }) { __typename ... on User { id email role } } }', {}, admin);
    expect(c.createUser).toMatchObject({ email: 'new@m-a.test', role: 'VIEWER' });
    const short = await m('mutation { createUser(input: { email: "x@m-a.test", name: "X", role: VIEWER, password: "short" }) { __typename ... on InputError { message } } }', {}, admin);
    expect(short.createUser.message).toBe('password: must be at least 12 characters');
    const u = await m('mutation($id: ID!) { updateUser(id: $id, input: { role: EDITOR }) { __typename ... on User { role } } }', { id: c.createUser.id }, admin);
    expect(u.updateUser.role).toBe('EDITOR');
    const self = await m('mutation($id: ID!) { deleteUser(id: $id) { __typename ... on Error { message } } }', { id: a.userIds.admin }, admin);
    expect(self.deleteUser.__typename).toBe('ConflictError');
    const demote = await m('mutation($id: ID!) { updateUser(id: $id, input: { role: VIEWER }) { __typename ... on Error { message } } }', { id: a.userIds.admin }, admin);
    expect(demote.updateUser.message).toBe('A tenant must keep at least one admin');
    const del = await m('mutation($id: ID!) { deleteUser(id: $id) { __typename } }', { id: c.createUser.id }, admin);
    expect(del.deleteUser.__typename).toBe('MutationDeleteUserSuccess');
  });

  it('API keys: shown once, stored hashed, scoped, revocable', async () => {
    const c = await m('mutation { createApiKey(name: "partner", scopes: ["orders:read"]) { __typename ... on CreatedApiKey { key apiKey { id prefix scopes } } } }', {}, admin);
    const { key, apiKey } = c.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const row = await t.db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).not.toContain(key);
    const use = await gql(t.gql, '{ tenant { slug } }', {}, { apiKey: key });
    expect(use.body.data).toEqual({ tenant: { slug: 'm-a' } });
    const bad = await m('mutation { createApiKey(name: "p", scopes: ["users:write"]) { __typename ... on InputError { message } } }', {}, admin);
    expect(bad.createApiKey.message).toMatch(/scopes\.0/);
    await m('mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on ApiKey { revokedAt } } }', { id: apiKey.id }, admin);
    t.deps.authenticator.invalidate();
    const after = await gql(t.gql, '{ tenant { slug } }', {}, { apiKey: key });
    expect(after.body.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('tenant settings and webhook secret rotation', async () => {
    const u = await m('mutation { updateTenant(input: { retentionDays: 30 }) { __typename ... on Tenant { retentionDays } } }', {}, admin);
    expect(u.updateTenant.retentionDays).toBe(30);
    const bad = await m('mutation { updateTenant(input: { retentionDays: 0 }) { __typename ... on InputError { message } } }', {}, admin);
    expect(bad.updateTenant.message).toBe('retentionDays: must be at least 1 day');
    const r = await m('mutation { rotateWebhookSecret { secret } }', {}, admin);
    expect(r.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { id: a.tenantId } });
    expect(t.deps.secrets.decrypt(tenant.webhookSecret!)).toBe(r.rotateWebhookSecret.secret);
  });

  it('GDPR: export, erase across orders/runs/logs, retention purge', async () => {
    await t.db.prisma.syncRunItem.create({
      data: { runId: a.runId, recordKey: 'CDON-m-a-1001', action: 'create', status: 'OK', payloadExcerpt: { email: 'anna@m-a.example', name: 'Anna' } },
    });
    const ex = await m('mutation { exportCustomerData(email: "Anna@m-a.example") { __typename ... on MutationExportCustomerDataSuccess { data } } }', {}, admin);
    expect(ex.exportCustomerData.data.orders[0].personalData.name).toBe('Anna m-a');
    expect(ex.exportCustomerData.data.runItems).toHaveLength(1);
    const er = await m('mutation { eraseCustomerData(email: "anna@m-a.example") { __typename ... on CustomerErasureResult { orders runItems } } }', {}, admin);
    expect(er.eraseCustomerData).toMatchObject({ orders: 1, runItems: 1 });
    const order = await t.db.prisma.order.findUniqueOrThrow({ where: { id: a.orderId } });
    expect(order.personalData).toBeNull();
    expect(order.personalDataPurgedAt).not.toBeNull();
    const raw = await t.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SyncRunItem" WHERE "payloadExcerpt"::text LIKE '%anna@m-a%'`;
    expect(Number(raw[0]!.n)).toBe(0);
    const bad = await m('mutation { eraseCustomerData(email: "not-an-email") { __typename ... on InputError { message } } }', {}, admin);
    expect(bad.eraseCustomerData.message).toBe('email: must be an e-mail address');
    const denied = await gql(t.gql, 'mutation { exportCustomerData(email: "a@b.c") { __typename } }', {}, editor);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const done = await t.db.prisma.order.create({
      data: {
        tenantId: a.tenantId, integrationId: a.integrationId, connectionId: a.channelConnectionId, channelOrderId: 'OLD-1', market: 'SE', status: 'fulfilled',
        personalData: { name: 'Old Customer' }, totalNet: '1', totalVat: '0', totalGross: '1', currency: 'SEK', completedAt: new Date(Date.now() - 40 * 86_400_000),
      },
    });
    const p = await m('mutation { purgeExpiredPersonalData { orders } }', {}, admin);
    expect(p.purgeExpiredPersonalData.orders).toBe(1);
    expect((await t.db.prisma.order.findUniqueOrThrow({ where: { id: done.id } })).personalData).toBeNull();
  });

  it('signOut ends the session', async () => {
    const s = await signInAs(t.gql, a.users.viewer, PASSWORD);
    const out = await m('mutation { signOut }', {}, s);
    expect(out.signOut).toBe(true);
    const after = await gql(t.gql, '{ tenant { id } }', {}, s);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
