import type { NextConfig } from 'next';
import path from 'node:path';

const config: NextConfig = {
  // Workspace packages export TypeScript source with `.ts` relative imports.
  transpilePackages: ['@megzo/mapping', '@megzo/domain'],
  // The workspace root holds the lockfile; tell Turbopack so it does not guess.
  turbopack: { root: path.resolve(import.meta.dirname, '..') },
  outputFileTracingRoot: path.resolve(import.meta.dirname, '..'),
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
