/**
 * Seeds the demo tenant when the database is empty: connections to the sandbox
 * systems (configs validated by each connector's own spec), the default mappings
 * published as version 1, and three demo users. Run by `npm start` after the
 * migrations, with the sandbox already up.
 */
import { z } from 'zod';
import { createPrisma } from '@megzo/db/client';
import { seed, type SeedConnection, type SeedMapping } from '@megzo/db/seed';
import { getConnector } from '@megzo/connectors/registry';
import { DEFAULT_MAPPINGS } from '@megzo/mapping';
import { SANDBOX_CREDENTIALS } from '@megzo/sandbox';
import { hashPassword } from '@megzo/api/auth/password';

const Env = z.object({
  DATABASE_URL: z.string().min(1),
  SANDBOX_URL_CDON: z.url(),
  SANDBOX_URL_CHARISMA: z.url(),
  SANDBOX_URL_DHL: z.url(),
  SANDBOX_URL_FX: z.url(),
  DEMO_PASSWORD: z.string().min(8),
});
const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  console.error(`seed: environment variable ${issue.path.join('.')} is invalid: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;

/** A connection whose config is checked against the connector's spec before it is stored. */
function connection(connectorId: string, name: string, config: Record<string, unknown>): SeedConnection {
  const connector = getConnector(connectorId);
  const result = connector.spec.safeParse(config);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`seed: ${connectorId} config field ${issue.path.join('.')} is invalid: ${issue.message}`);
  }
  return { connectorId, name, config: result.data as SeedConnection['config'], secretFields: connector.secretFields };
}

const [merchantA, merchantB] = SANDBOX_CREDENTIALS.cdon.merchants;
const MARKETS = ['SE', 'DK', 'FI', 'NO'] as const;
const cdon = (m: typeof merchantA) =>
  ({ ...connection('marketplace-cdon', `CDON — ${m!.label}`, { baseUrl: `${env.SANDBOX_URL_CDON}/api`, merchantId: m!.merchantId, token: m!.token, requestsPerSecond: 20 }), markets: MARKETS });

const prisma = createPrisma(env.DATABASE_URL);
try {
  const result = await seed(prisma, {
    passwords: { admin: env.DEMO_PASSWORD, editor: env.DEMO_PASSWORD, viewer: env.DEMO_PASSWORD },
    hashPassword,
    connections: {
      erp: connection('erp-charisma', 'Charisma ERP (sandbox)', {
        baseUrl: env.SANDBOX_URL_CHARISMA,
        authMode: 'oauth',
        clientId: SANDBOX_CREDENTIALS.charisma.clientId,
        clientSecret: SANDBOX_CREDENTIALS.charisma.clientSecret,
      }),
      channels: [cdon(merchantA), cdon(merchantB)],
      courier: connection('courier-dhl', 'DHL Express (sandbox)', {
        baseUrl: `${env.SANDBOX_URL_DHL}/mydhlapi/test`,
        trackingBaseUrl: `${env.SANDBOX_URL_DHL}/track`,
        username: SANDBOX_CREDENTIALS.dhl.username,
        password: SANDBOX_CREDENTIALS.dhl.password,
        accountNumber: SANDBOX_CREDENTIALS.dhl.accountNumber,
        trackingApiKey: SANDBOX_CREDENTIALS.dhl.trackingApiKey,
        shipper: {
          companyName: 'Demo Vendor SRL',
          fullName: 'Ioana Ștefănescu',
          phone: '+40211234567',
          email: 'expeditii@demo.megzo.local',
          addressLine1: 'Șos. București Nord 10',
          postalCode: '077190',
          cityName: 'Voluntari',
          countryCode: 'RO',
        },
      }),
      fx: [
        connection('fx-bnr', 'BNR reference rates (sandbox)', { baseUrls: [`${env.SANDBOX_URL_FX}/bnr`] }),
        connection('fx-ecb', 'ECB reference rates (sandbox)', { baseUrl: `${env.SANDBOX_URL_FX}/ecb` }),
      ],
    },
    defaultMappings: [DEFAULT_MAPPINGS.catalog, DEFAULT_MAPPINGS.salesOrder, DEFAULT_MAPPINGS.shipment].map((m) => ({
      name: m.name,
      flow: m.flow,
      sourceKind: m.sourceKind,
      targetKind: m.targetKind,
      content: m.content as unknown as SeedMapping['content'],
    })),
  });
  console.log(result.seeded ? `seeded the demo tenant (integration ${result.integrationId})` : 'database already has data: seed skipped');
} finally {
  await prisma.$disconnect();
}
