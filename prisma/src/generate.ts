/**
 * `prisma generate` offline: the CLI only checks that a schema engine binary exists
 * (it does not run it for generate), so PRISMA_SCHEMA_ENGINE_BINARY names any existing
 * file (TOOLCHAIN.md). Skipped when schema.prisma and the tool versions are unchanged
 * and the output exists.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { delimiter, join } from 'node:path';
import { GENERATED_DIR, PRISMA_DIR, SCHEMA_PATH } from './paths.ts';

const STAMP = join(GENERATED_DIR, '.schema-hash');
const OUTPUTS = [join(GENERATED_DIR, 'client', 'client.ts'), join(GENERATED_DIR, 'pothos-types.ts')];

async function inputsHash(): Promise<string> {
  const versions = await Promise.all(
    ['prisma', '@prisma/client', '@pothos/plugin-prisma'].map(async (name) => {
      const manifest = await readFile(join(PRISMA_DIR, 'node_modules', name, 'package.json'), 'utf8');
      return `${name}@${(JSON.parse(manifest) as { version: string }).version}`;
    }),
  );
  return createHash('sha256')
    .update(await readFile(SCHEMA_PATH))
    .update(versions.join(','))
    .digest('hex');
}

export interface GenerateResult {
  skipped: boolean;
  output: string;
}

const LOCK = join(GENERATED_DIR, '.generate.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Several engineers (and vitest runs) share one checkout: one generator at a time. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(GENERATED_DIR, { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      await writeFile(LOCK, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number((await readFile(LOCK, 'utf8').catch(() => '')).trim());
      if (holder > 0 && !alive(holder)) await rm(LOCK, { force: true });
      else if (waited > 120_000) throw new Error(`generate: ${LOCK} is held by process ${holder} for over 2 minutes`, { cause: e });
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { force: true });
  }
}

/** Generate the Prisma client and the Pothos types into prisma/generated/. */
export function generate(opts: { force?: boolean } = {}): Promise<GenerateResult> {
  return withLock(() => generateUnlocked(opts));
}

async function generateUnlocked(opts: { force?: boolean }): Promise<GenerateResult> {
  const hash = await inputsHash();
  if (!opts.force && OUTPUTS.every((f) => existsSync(f)) && existsSync(STAMP)) {
    if ((await readFile(STAMP, 'utf8')).trim() === hash) return { skipped: true, output: '' };
  }
  const cli = join(PRISMA_DIR, 'node_modules', 'prisma', 'build', 'index.js');
  const binDir = join(PRISMA_DIR, 'node_modules', '.bin');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'generate', '--schema', SCHEMA_PATH], {
      cwd: PRISMA_DIR,
      env: {
        ...process.env,
        PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(text);
      else reject(new Error(`prisma generate failed (exit ${code}):\n${text}`));
    });
  });
  await writeFile(STAMP, `${hash}\n`);
  return { skipped: false, output };
}
