#!/usr/bin/env node
// Runs Firebreak's test suites with node's test runner (through tsx) and ends with one
// `N passed, N failed` line. Suites: unit (*.test.ts), db (*.db.test.ts, on PGlite, or on
// PostgreSQL when DATABASE_URL is set), e2e (web/e2e/*.e2e.test.ts, headless Chromium).
// Exits non-zero when a test fails or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const chromiumPath = process.env.FIREBREAK_CHROMIUM ?? '/usr/bin/chromium';
const requested = process.argv.slice(2);
const suites = requested.length > 0 ? requested : ['unit', 'db', 'e2e'];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(relative(root, path));
  }
  return out;
}

const all = ['server', 'contracts', 'web', 'bench'].flatMap((d) =>
  existsSync(join(root, d)) ? walk(join(root, d)) : [],
);
const filesBySuite = {
  unit: all.filter(
    (f) => f.endsWith('.test.ts') && !f.endsWith('.db.test.ts') && !f.endsWith('.e2e.test.ts'),
  ),
  db: all.filter((f) => f.endsWith('.db.test.ts')),
  e2e: all.filter((f) => f.endsWith('.e2e.test.ts')),
};

// Test files run two at a time (this machine has two cores), browser tests one at a time: each starts a server and a
// browser, and some wait on real-time deadlines. FIREBREAK_TEST_CONCURRENCY overrides both.
function concurrency(suite) {
  const override = Number(process.env.FIREBREAK_TEST_CONCURRENCY);
  if (Number.isInteger(override) && override > 0) return override;
  return suite === 'e2e' ? 1 : 2;
}

const tmp = mkdtempSync(join(tmpdir(), 'firebreak-tests-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function run(suite, files, env = {}) {
  if (files.length === 0) {
    notes.push(`${suite}: no test files`);
    return;
  }
  const tap = join(tmp, `${suite}.tap`);
  console.log(`\n=== ${suite} tests (${files.length} files)${env.DATABASE_URL ? ' on PostgreSQL' : ''} ===`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency(suite)}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env, FIREBREAK_TEST_TMP: tmp } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
  if (result.status !== 0 && count('fail') + count('cancelled') === 0) {
    // The runner itself failed (a file that does not load counts as a failure).
    failed += 1;
    notes.push(`${suite}: the test runner exited with ${result.status}`);
  }
}

for (const suite of suites) {
  if (!(suite in filesBySuite)) {
    console.error(`Unknown suite "${suite}". Use unit, db or e2e.`);
    process.exit(2);
  }
  if (suite === 'e2e') {
    if (!existsSync(chromiumPath)) {
      notes.push(
        `e2e: SKIPPED the browser tests: ${chromiumPath} not found (install Debian's chromium: apt-get install chromium)`,
      );
      continue;
    }
    const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      failed += 1;
      notes.push('e2e: the web build failed');
      continue;
    }
  }
  run(suite, filesBySuite[suite]);
}

rmSync(tmp, { recursive: true, force: true });
for (const note of notes) console.log(note);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
