// `npm test`: install if needed, then lint, typecheck, unit + integration tests
// (vitest, real PostgreSQL), the studio's production build, and the Playwright
// e2e suite in real Chromium. Ends with one line `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, run, ROOT } from './bootstrap.mjs';

ensureInstalled();
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const resultsDir = join(ROOT, '.data', 'test-results');
mkdirSync(resultsDir, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- vitest` runs one stage
const want = (stage) => only.length === 0 || only.includes(stage);
let passed = 0;
let failed = 0;
const failures = [];

function check(name, code) {
  if (code === 0) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
  console.log(`\n[test] ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n`);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  if (process.getuid?.() === 0) {
    console.log('[test] Chromium is missing: installing Debian\'s chromium with apt-get…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync('/usr/bin/chromium')) return true;
  }
  console.error('[test] The e2e tests need Chromium at /usr/bin/chromium: run `sudo apt-get install chromium` and try again.');
  return false;
}

if (want('lint')) check('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=-1']));
if (want('typecheck')) check('typecheck (tsc)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));

if (want('vitest')) {
  const out = join(resultsDir, 'vitest.json');
  rmSync(out, { force: true });
  const code = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (r.numFailedTests > 0) failures.push(`${r.numFailedTests} vitest test(s)`);
    // A suite that failed to load has no tests to count: count the file.
    const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0);
    failed += broken.length;
    for (const f of broken) failures.push(`vitest file ${f.name.replace(ROOT + '/', '')} failed to run`);
    if (code !== 0 && r.numFailedTests === 0 && broken.length === 0) check('vitest run', code);
  } else check('vitest run', code || 1);
}

if (want('build') || want('e2e')) {
  if (existsSync(join(ROOT, 'studio', 'next.config.ts')) || existsSync(join(ROOT, 'studio', 'next.config.mjs'))) {
    check('studio production build (next build)', run(bin('tsx'), ['scripts/build-studio.ts']));
  } else check('studio production build (no next config)', 1);
}

if (want('e2e')) {
  if (!ensureChromium()) check('e2e (Chromium missing)', 1);
  else if (!existsSync(join(ROOT, 'e2e', 'playwright.config.ts'))) check('e2e (no playwright config)', 1);
  else {
    const out = join(ROOT, 'e2e', 'test-results', 'results.json');
    rmSync(out, { force: true });
    const code = run(join(ROOT, 'e2e', 'node_modules', '.bin', 'playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (existsSync(out)) {
      const s = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
      passed += s.expected ?? 0;
      failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
      if ((s.unexpected ?? 0) > 0) failures.push(`${s.unexpected} e2e test(s)`);
      if (code !== 0 && !(s.unexpected > 0)) check('e2e run', code);
    } else check('e2e run', code || 1);
  }
}

if (failures.length) console.log(`[test] failed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
