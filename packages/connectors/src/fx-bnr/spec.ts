import { z } from 'zod';

export const BnrConfig = z.object({
  /** curs.bnr.ro serves the XML in 2026; www.bnr.ro redirects to HTML and is only a fallback (fx-and-vat.md A.1). */
  baseUrls: z.array(z.url()).min(1).default(['https://curs.bnr.ro', 'https://www.bnr.ro']),
});
export type BnrConfig = z.infer<typeof BnrConfig>;
