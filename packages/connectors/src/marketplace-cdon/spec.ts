import { z } from 'zod';
import { secret } from '../contract/secret.ts';

export const CdonConfig = z.object({
  baseUrl: z.url().default('https://merchants-api.cdon.com/api').describe('Merchants API base URL including /api (sandbox: https://merchants-api.sandbox.cdon.com/api)'),
  merchantId: z.string().min(1).describe('CDON Merchant ID (Basic auth user name)'),
  token: secret(z.string().min(1)).describe('CDON API token (Basic auth password)'),
  /** Undocumented for CDON; Fyndiq allows 100 creates / 200 updates per call (cdon-api.md §6). */
  createBatchSize: z.number().int().min(1).max(100).default(100),
  updateBatchSize: z.number().int().min(1).max(200).default(200),
  ordersPageSize: z.number().int().min(1).max(1000).default(100),
  /** No documented limit; ~5 requests/s per merchant is the integrators' safe figure. */
  requestsPerSecond: z.number().positive().max(100).default(5),
  maxConcurrent: z.number().int().min(1).max(8).default(2),
});
export type CdonConfig = z.infer<typeof CdonConfig>;
