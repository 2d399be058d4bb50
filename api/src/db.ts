/**
 * The one place the API names the database package's generated artefacts.
 * (The Pothos types are generated beside the client and have no package export.)
 */
export { PrismaClient, Prisma } from '@megzo/db/client';
export type * from '@megzo/db/client';
export { getDatamodel } from '../../prisma/generated/pothos-types.ts';
export type { default as PrismaTypes } from '../../prisma/generated/pothos-types.ts';
