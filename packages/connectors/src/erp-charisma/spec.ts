import { z } from 'zod';
import { secret } from '../contract/secret.ts';
import { MAX_PAGE_SIZE } from './adapter-contract.ts';

export const CharismaConfig = z
  .object({
    baseUrl: z.url().describe('Charisma adapter base URL, e.g. https://erp.example.ro (the /api/v1 prefix is added)'),
    authMode: z.enum(['oauth', 'apiKey']).default('oauth').describe('OAuth2 client credentials, or a static X-Api-Key'),
    clientId: z.string().min(1).optional().describe('OAuth2 client id'),
    clientSecret: secret(z.string().min(1).optional()).describe('OAuth2 client secret'),
    apiKey: secret(z.string().min(1).optional()).describe('Static API key (authMode apiKey)'),
    company: z.string().optional().describe('Company CIF sent as X-Company (optional)'),
    priceList: z.string().min(1).default('PL-ONLINE'),
    warehouse: z.string().min(1).default('DEP01'),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(200),
    lookbackSeconds: z.number().int().min(0).max(86_400).default(120),
    requestsPerSecond: z.number().positive().max(1000).default(50),
    maxConcurrent: z.number().int().min(1).max(32).default(4),
  })
  .superRefine((c, ctx) => {
    if (c.authMode === 'oauth') {
      if (!c.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'is required when authMode is oauth' });
      if (!c.clientSecret) ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'is required when authMode is oauth' });
    } else if (!c.apiKey) {
      ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'is required when authMode is apiKey' });
    }
  });
export type CharismaConfig = z.infer<typeof CharismaConfig>;
