// First step of `npm start` and `npm test` on any machine, including a fresh one
// that has only Node 20: install the workspace with the frozen lockfile (pnpm is
// fetched by npx, corepack does not work here) and generate the Prisma client.
// Uses Node built-ins only, because nothing else is installed yet.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];
const MARKER = join(ROOT, 'node_modules', '.megzo-install');

function installFingerprint() {
  const h = createHash('sha256');
  for (const f of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) h.update(readFileSync(join(ROOT, f)));
  h.update(process.version);
  return h.digest('hex');
}

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env, ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

export function pnpm(args, opts) {
  return run('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], opts);
}

export function ensureInstalled({ quiet = false } = {}) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`MEGZO IV needs Node.js 20.19 or newer; this is ${process.version}.`);
    process.exit(1);
  }
  const fp = installFingerprint();
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === fp) {
    if (!quiet) console.log('[setup] dependencies up to date');
  } else {
    console.log(`[setup] installing dependencies with pnpm ${PNPM_VERSION} (frozen lockfile)…`);
    const code = pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
    if (code !== 0) {
      console.error('[setup] dependency install failed (see above); nothing was started.');
      process.exit(code);
    }
    writeFileSync(MARKER, fp);
  }
  // The Prisma client is generated, not committed; generate is a no-op when the schema is unchanged.
  if (existsSync(join(ROOT, 'prisma', 'src', 'cli.ts'))) {
    const code = run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['prisma/src/cli.ts', 'generate']);
    if (code !== 0) {
      console.error('[setup] prisma generate failed (see above).');
      process.exit(code);
    }
  }
}
