import { z } from 'zod';

export const EcbConfig = z.object({
  baseUrl: z.url().default('https://www.ecb.europa.eu/stats/eurofxref'),
});
export type EcbConfig = z.infer<typeof EcbConfig>;
