/**
 * `npm run test:redis-suite`: Redis's own test suite (redis-7.2.6.tar.gz from the servers folder) run
 * through `slotbridge proxy` (issue 20). Each unit gets a fresh one-node Redis 7.2.6 cluster owning every
 * slot and a fresh proxy (`--allow-admin`, default `--workers`); the suite runs in external cluster mode
 * (`./runtest --host H --port P --cluster-mode --tags -needs:repl --single unit/X`).
 *
 * Pass: every test that passes directly (results/redis-suite-direct.json, written by `--direct`) passes
 * through the proxy as often, except the tests listed with a reason in scripts/redis-suite-excluded.json
 * (what a proxy cannot offer by design) and, until the proxy supports them, the temporary list
 * scripts/redis-suite-pending.json. Both lists are skipped (`--skiptest`) on the proxy side so that one
 * dropped connection does not take the rest of its unit along. Writes results/redis-suite-proxy.md.
 *
 * Flags: `--direct` (run without the proxy and write the baseline instead), `--units a,b` (names without
 * `unit/`), `--lanes N` (units at once, default 2), `--run-pending` (run the pending tests too and say
 * which pass now), `--keep` (keep the temp folder with the logs).
 * Skipped, exit 0, with the reason printed, when the servers folder or the tarball is missing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findServersDir, resolveServerBuild, type ServerBuild } from '../src/lab/index.js';
import { repoRoot } from '../src/lab/server-build.js';
import {
  extractSuite,
  type RunningProxy,
  runtestArgs,
  runUnit,
  SUITE_VERSION,
  startOneNodeCluster,
  startProxy,
  takePortSlice,
  type UnitResult,
} from './redis-suite-run.js';

/**
 * The units run: every data type, keyspace, scripting, pub/sub, protocol and introspection unit that
 * has tests left in external cluster mode without SYNC. Left out because every test in them is tagged
 * `external:skip`, `cluster:skip` or `needs:repl` (0 tests run; measured): pubsubshard, info, acl, acl-v2,
 * auth, maxmemory, limits, memefficiency, networking, oom-score-adj, shutdown, tls, violations, wait,
 * client-eviction, obuf-limits, printver.
 */
const UNITS = [
  'type/list',
  'type/list-2',
  'type/list-3',
  'type/hash',
  'type/set',
  'type/zset',
  'type/string',
  'type/incr',
  'type/stream',
  'type/stream-cgroups',
  'expire',
  'keyspace',
  'scan',
  'multi',
  'pubsub',
  'scripting',
  'functions',
  'protocol',
  'bitops',
  'bitfield',
  'geo',
  'hyperloglog',
  'dump',
  'sort',
  'tracking',
  'info-command',
  'introspection',
  'introspection-2',
  'latency-monitor',
  'querybuf',
  'other',
  'quit',
  'slowlog',
  'lazyfree',
  'pause',
  'replybufsize',
];

/**
 * Tests that cannot run against any external server (skipped on both sides): they read the server's pid,
 * which the suite only knows for servers it started, and abort their unit; 7.2.6 does not tag them
 * external:skip.
 */
const SUITE_BROKEN_EXTERNALLY = [{ unit: 'type/set', test: 'SRANDMEMBER with a dict containing long chain' }];

/** Minutes a unit may take before it is killed and reported as aborted. */
const UNIT_TIMEOUT_MS = 6 * 60_000;

interface ListedTest {
  unit: string;
  test: string;
  reason: string;
}

interface Baseline {
  server: string;
  suite: string;
  runtest: string;
  written: string;
  seconds: number;
  units: Record<string, UnitResult>;
}

const root = repoRoot();
const directFile = path.join(root, 'results', 'redis-suite-direct.json');
const reportFile = path.join(root, 'results', 'redis-suite-proxy.md');

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

function readList(file: string): ListedTest[] {
  return JSON.parse(readFileSync(path.join(root, 'scripts', file), 'utf8')) as ListedTest[];
}

async function main(): Promise<number> {
  const direct = flag('direct');
  const choice = findServersDir();
  if (choice.dir === undefined) {
    const looked = choice.considered.map((place) => place.dir).join(', ');
    console.log(
      `[redis-suite] skipped: no servers folder (looked in ${looked}; set SLOTBRIDGE_SERVERS_DIR).`,
    );
    return 0;
  }
  const tarball = path.join(choice.dir, 'src', `redis-${SUITE_VERSION}.tar.gz`);
  if (!existsSync(tarball)) {
    console.log(`[redis-suite] skipped: ${tarball} is missing (the suite's sources).`);
    return 0;
  }
  const build = resolveServerBuild(path.join(choice.dir, `redis-${SUITE_VERSION}`));
  const units = option('units')?.split(',') ?? UNITS;
  const lanes = Math.max(1, Number(option('lanes') ?? 2));
  const excluded = readList('redis-suite-excluded.json');
  const pending = readList('redis-suite-pending.json');
  const baseline = direct ? undefined : (JSON.parse(readFileSync(directFile, 'utf8')) as Baseline);
  const skipFor = (unit: string): string[] =>
    [...SUITE_BROKEN_EXTERNALLY, ...(direct ? [] : [...excluded, ...(flag('run-pending') ? [] : pending)])]
      .filter((entry) => entry.unit === unit)
      .map((entry) => entry.test);
  // Longest units first (known from the baseline), so two lanes end together.
  const order = [...units].sort(
    (a, b) => (baseline?.units[b]?.seconds ?? 0) - (baseline?.units[a]?.seconds ?? 0),
  );

  const temp = mkdtempSync(path.join(os.tmpdir(), 'slotbridge-redis-suite-'));
  console.log(
    `[redis-suite] ${direct ? 'DIRECT' : 'through the proxy'}: ${units.length} units of Redis ${SUITE_VERSION}'s suite` +
      ` from ${tarball}, ${lanes} at once; logs in ${temp}`,
  );
  const started = performance.now();
  const results: Record<string, UnitResult> = {};
  try {
    const roots = await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const dir = path.join(temp, `lane${lane}`);
        mkdirSync(dir);
        return extractSuite(tarball, dir, build);
      }),
    );
    const queue = [...order];
    await Promise.all(
      roots.map(async (suiteRoot) => {
        for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
          results[unit] = await runOne(unit, suiteRoot, build, temp, direct, skipFor(unit));
          const r = results[unit];
          console.log(
            `[redis-suite] ${unit}: ${count(r.ok)} passed, ${count(r.failed)} failed, ${r.skipped} skipped` +
              `${r.aborted === null ? '' : `, ABORTED: ${r.aborted}`} (${r.seconds} s)`,
          );
        }
      }),
    );
  } finally {
    if (!flag('keep')) rmSync(temp, { recursive: true, force: true });
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  const sorted = Object.fromEntries(units.map((unit) => [unit, results[unit]]));
  const runtest = runtestArgs({ unit: 'X', port: 0, suiteBase: 0, skip: [] })
    .join(' ')
    .replace(/ --port 0/, ' --port P')
    .replace(/ --baseport 0/, ' --baseport B');
  if (direct) {
    const out: Baseline = {
      server: `${build.name} (${build.server})`,
      suite: `redis-${SUITE_VERSION}.tar.gz`,
      runtest: `./runtest ${runtest}`,
      written: new Date().toISOString(),
      seconds,
      units: sorted,
    };
    // A run of some units (--units) updates their entries and keeps the others.
    const previous = existsSync(directFile)
      ? (JSON.parse(readFileSync(directFile, 'utf8')) as Baseline)
      : undefined;
    if (option('units') !== undefined && previous !== undefined) {
      out.units = { ...previous.units, ...sorted };
      out.seconds = previous.seconds; // the wall time of the last full run
    }
    writeFileSync(directFile, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`[redis-suite] direct baseline written to ${directFile} (${seconds} s)`);
    return Object.values(sorted).some((r) => r.aborted !== null) ? 1 : 0;
  }
  return compare(baseline as Baseline, sorted, excluded, pending, seconds, lanes);
}

async function runOne(
  unit: string,
  suiteRoot: string,
  build: ServerBuild,
  temp: string,
  direct: boolean,
  skip: string[],
): Promise<UnitResult> {
  const slice = await takePortSlice();
  const name = unit.replace(/\//g, '-');
  let proxy: RunningProxy | undefined;
  const server = await startOneNodeCluster(build);
  try {
    if (!direct) proxy = await startProxy(server.port, slice.first, path.join(temp, `${name}.proxy.log`));
    return await runUnit({
      suiteRoot,
      unit,
      port: proxy?.port ?? server.port,
      suiteBase: slice.suiteBase,
      skip,
      logFile: path.join(temp, `${name}.runtest.log`),
      timeoutMs: UNIT_TIMEOUT_MS,
    });
  } finally {
    await proxy?.stop();
    await server.stop();
    slice.release();
  }
}

function count(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

interface Miss {
  unit: string;
  test: string;
  direct: number;
  proxy: number;
  error: boolean;
}

function compare(
  baseline: Baseline,
  results: Record<string, UnitResult>,
  excluded: ListedTest[],
  pending: ListedTest[],
  seconds: number,
  lanes: number,
): number {
  const listed = (list: ListedTest[], unit: string, test: string): boolean =>
    list.some((entry) => entry.unit === unit && entry.test === test);
  const misses: Miss[] = [];
  const pendingNowPassing: ListedTest[] = [];
  const rows: string[] = [];
  const totals = { direct: 0, proxy: 0, excluded: 0, pending: 0, seconds: 0 };
  const problems: string[] = [];
  for (const [unit, result] of Object.entries(results)) {
    const before = baseline.units[unit];
    if (before === undefined) {
      problems.push(`${unit}: no direct baseline (run \`npm run test:redis-suite -- --direct\`)`);
      continue;
    }
    if (result.aborted !== null) problems.push(`${unit}: aborted through the proxy: ${result.aborted}`);
    let excludedRuns = 0;
    let pendingRuns = 0;
    for (const [test, times] of Object.entries(before.ok)) {
      const got = result.ok[test] ?? 0;
      if (listed(excluded, unit, test)) excludedRuns += times;
      else if (listed(pending, unit, test)) {
        pendingRuns += times;
        if (got >= times) pendingNowPassing.push({ unit, test, reason: 'passes through the proxy now' });
      } else if (got < times) {
        misses.push({ unit, test, direct: times, proxy: got, error: (result.failed[test] ?? 0) > 0 });
      }
    }
    const directOk = count(before.ok);
    const proxyOk = count(result.ok);
    totals.direct += directOk;
    totals.proxy += proxyOk;
    totals.excluded += excludedRuns;
    totals.pending += pendingRuns;
    totals.seconds += result.seconds;
    const unitMisses = misses.filter((miss) => miss.unit === unit).length;
    rows.push(
      `| ${unit} | ${directOk} | ${proxyOk} | ${excludedRuns} | ${pendingRuns} | ${unitMisses}` +
        ` | ${before.seconds} | ${result.seconds} |`,
    );
  }
  const pass = misses.length === 0 && problems.length === 0;
  const report = [
    '# Redis 7.2.6 test suite through slotbridge proxy',
    '',
    `Written by \`npm run test:redis-suite\` on ${new Date().toISOString()} (${os.cpus().length} cores,` +
      ` ${lanes} units at once): **${pass ? 'PASS' : 'FAIL'}**, proxy side ${seconds} s wall clock.`,
    '',
    `Each unit: a fresh one-node Redis ${SUITE_VERSION} cluster (all slots), \`slotbridge proxy --allow-admin\``,
    `(default --workers, --port-table memory) in front of it, then \`./runtest ${baseline.runtest.replace(/^\.\/runtest /, '')}\`.`,
    `Direct baseline: results/redis-suite-direct.json (${baseline.written}, ${baseline.seconds} s).`,
    'Counts are test runs (a test may run once per encoding); "excluded" and "pending" are direct passes',
    'skipped through the proxy (scripts/redis-suite-excluded.json, scripts/redis-suite-pending.json).',
    '',
    '| unit | passed directly | passed through proxy | excluded | pending | missing | s direct | s proxy |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    `| **total** | ${totals.direct} | ${totals.proxy} | ${totals.excluded} | ${totals.pending} | ${misses.length}` +
      ` | ${baseline.seconds} (wall) | ${seconds} (wall) |`,
    '',
    '## Excluded by design',
    '',
    ...excluded.map((entry) => `- ${entry.unit}: "${entry.test}" — ${entry.reason}`),
    '',
    '## Pending (temporary, until the proxy supports them)',
    '',
    ...(pending.length === 0
      ? ['none']
      : pending.map((entry) => `- ${entry.unit}: "${entry.test}" — ${entry.reason}`)),
    '',
    '## Passing directly, not through the proxy',
    '',
    ...(misses.length === 0
      ? ['none']
      : misses.map(
          (miss) =>
            `- ${miss.unit}: "${miss.test}" — passed ${miss.direct}× directly, ${miss.proxy}× through the proxy${miss.error ? ' (failed)' : ' (not reached)'}`,
        )),
    ...(problems.length === 0 ? [] : ['', '## Problems', '', ...problems.map((line) => `- ${line}`)]),
    '',
  ].join('\n');
  writeFileSync(reportFile, report);
  console.log(`\n${report}`);
  if (pendingNowPassing.length > 0) {
    console.log('[redis-suite] pending tests that pass through the proxy now (remove them from the list):');
    for (const entry of pendingNowPassing) console.log(`  ${entry.unit}: ${entry.test}`);
  }
  console.log(
    `[redis-suite] ${pass ? 'PASS' : 'FAIL'}: ${totals.proxy} test runs passed through the proxy, ${totals.direct} directly;` +
      ` ${misses.length} missing, ${problems.length} problem(s); report in ${reportFile}`,
  );
  return pass ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
