import { z } from 'zod';
import { secret } from '../contract/secret.ts';

export const DhlConfig = z.object({
  baseUrl: z.url().default('https://express.api.dhl.com/mydhlapi/test').describe('MyDHL API base URL'),
  trackingBaseUrl: z.url().default('https://api-eu.dhl.com/track').describe('Unified Tracking base URL'),
  username: z.string().min(1).describe('MyDHL API key (Basic auth user name)'),
  password: secret(z.string().min(1)).describe('MyDHL API secret'),
  accountNumber: z.string().regex(/^\d{6,12}$/, 'must be the DHL Express account number (digits)'),
  trackingApiKey: secret(z.string().min(1).optional()).describe('Unified Tracking DHL-API-Key; without it tracking uses MyDHL'),
  xVersion: z.string().default('3.1.0'),
  productCode: z.string().min(1).max(3).default('P'),
  labelFormat: z.enum(['pdf', 'zpl', 'epl', 'lp2']).default('pdf'),
  shipper: z.object({
    companyName: z.string().min(1),
    fullName: z.string().min(1),
    phone: z.string().min(1),
    email: z.string().optional(),
    addressLine1: z.string().min(1),
    postalCode: z.string().min(1),
    cityName: z.string().min(1),
    countryCode: z.string().length(2).default('RO'),
    vatNumber: z.string().optional(),
    /** Norway VOEC number, sent as registration type SDT (dhl.md §2.4, UNVERIFIED mapping). */
    voecNumber: z.string().optional(),
  }),
  /** GMT offset of the origin for plannedShippingDateAndTime. */
  originUtcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/).default('+02:00'),
  requestsPerSecond: z.number().positive().max(50).default(5),
  /** Unified Tracking: 1 call per 5 s by default (dhl.md §3). */
  trackingRequestsPerSecond: z.number().positive().max(50).default(0.2),
});
export type DhlConfig = z.infer<typeof DhlConfig>;
