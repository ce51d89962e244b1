// Runs every test runner in turn (type-check, lint, unit/integration, e2e),
// keeps going after a failure so one run shows everything, and ends with one
// line that sums them all: `tests: N passed, N failed, N skipped`. First it
// checks what the tests need (scripts/prerequisites.mjs) and runs nothing
// when something is missing that it cannot install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { ensurePrerequisites } from './prerequisites.mjs';

const ready = ensurePrerequisites();
if (!ready.ok) {
  console.error(ready.message);
  console.log('tests: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A runner without per-test output counts as one test. */
function single(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
}

function fromJson(label, file, ok, count) {
  if (!existsSync(file)) {
    totals.failed += 1;
    lines.push(`${label}: FAILED (no report at ${file})`);
    return;
  }
  const c = count(JSON.parse(readFileSync(file, 'utf8')));
  // A runner that failed without a failing test (a crash, a syntax error) still fails the run.
  if (!ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}

single('type-check (main)', 'npx', ['tsc', '-p', 'tsconfig.main.json']);
single('type-check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json']);
single('type-check (e2e)', 'npx', ['tsc', '-p', 'tsconfig.e2e.json']);
single('lint', 'npx', ['eslint', '.']);

rmSync('test-results/unit.json', { force: true });
const unitOk = run('unit and integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
fromJson('unit', 'test-results/unit.json', unitOk, (r) => {
  for (const name of failedUnitTests(r)) lines.push(`  failed: ${name}`);
  for (const name of flakyUnitTests(r)) lines.push(`  flaky (failed, then passed on its retry): ${name}`);
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: r.numPendingTests + r.numTodoTests,
  };
});

const buildOk = run('build', 'npm', ['run', 'build', '--silent']);
if (!buildOk) {
  totals.failed += 1;
  lines.push('build: FAILED (e2e not run)');
} else {
  rmSync('test-results/e2e.json', { force: true });
  const e2eOk = run('e2e (playwright, chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
  fromJson('e2e', 'test-results/e2e.json', e2eOk, (r) => {
    for (const reason of skipReasons(r)) lines.push(`  skipped: ${reason}`);
    for (const name of failedE2eTests(r)) lines.push(`  failed: ${name}`);
    return {
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
    };
  });
}

/** Names each failing vitest test (file › title) in the summary, which CI may show without the full log. */
function failedUnitTests(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name ?? '');
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      names.push(`${where} (the file did not run: ${String(file.message ?? '').split('\n')[0]})`);
    }
    for (const a of file.assertionResults ?? []) {
      // With the first line of why (the first attempt's, which a retry may only echo): CI may keep only this summary.
      if (a.status !== 'failed') continue;
      const [first, ...retries] = (a.failureMessages ?? []).map(firstLine);
      const retry = retries.at(-1);
      names.push(`${where} › ${a.fullName} — ${first ?? 'no message'}${retry && retry !== first ? ` (on its retry: ${retry})` : ''}`);
    }
  }
  return names;
}

function firstLine(message) {
  return String(message).split('\n')[0].slice(0, 300);
}

/** A vitest test that passed on its retry keeps the first attempt's error. */
function flakyUnitTests(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name ?? '');
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'passed' && (a.failureMessages ?? []).length > 0) {
        names.push(`${where} › ${a.fullName} — ${firstLine(a.failureMessages[0])}`);
      }
    }
  }
  return names;
}

/** Names each Playwright test that failed on its last try. */
function failedE2eTests(report) {
  const names = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected') names.push(`${spec.file}:${spec.line} › ${spec.title}`);
        if (t.status === 'flaky') names.push(`${spec.file}:${spec.line} › ${spec.title} (flaky: failed, then passed on its retry)`);
      }
    }
    (suite.suites ?? []).forEach(walk);
  };
  (report.suites ?? []).forEach(walk);
  return names;
}

/** Every skipped Playwright test with the reason it gave, so no skip is silent. */
function skipReasons(report) {
  const reasons = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        reasons.push(`${spec.title} — ${why}`);
      }
    }
    (suite.suites ?? []).forEach(walk);
  };
  (report.suites ?? []).forEach(walk);
  return reasons;
}

console.log('\n' + lines.join('\n'));
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
