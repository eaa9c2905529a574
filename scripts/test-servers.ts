/**
 * `npm run test:servers`: the integration tests whose outcome can differ per server (scripts/matrix-files.ts
 * says which, and why the others run once, in `npm test`) against every server build in the servers folder
 * (`SLOTBRIDGE_SERVERS_DIR`, else `<repo>/../shared/servers`, else `/work/shared/servers`), one
 * vitest run per build with `SLOTBRIDGE_SERVER` pointing at it, builds side by side where the cores allow.
 * Prints a table server × test file (passed / failed / skipped), writes it with the failover numbers the
 * tests print, and exits non-zero when any file failed on any server.
 *
 * Settings: `SLOTBRIDGE_MATRIX_SERVERS=a,b` (only these builds), `SLOTBRIDGE_MATRIX_FILES=x,y` (only
 * these test files, names without `.test.ts`), `SLOTBRIDGE_MATRIX_ALL=1` (every integration file on every
 * build, as before the split), `SLOTBRIDGE_MATRIX_PARALLEL=n` (builds at once; default: one per core —
 * at 2 cores, 2 builds of 2 vitest workers each: most of these files wait on failovers and timeouts, not
 * on the CPU), `SLOTBRIDGE_MATRIX_OUT=path` (default `results/server-matrix.md`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findServersDir,
  listServerBuilds,
  repoRoot,
  SERVER_SETTING,
  type ServerBuild,
  serverVersionLine,
} from '../src/lab/server-build.js';
import { ONCE, PER_SERVER } from './matrix-files.js';

/** vitest workers per build (two builds run at once on 2 cores). */
const MATRIX_WORKERS = 2;
const ALL = process.env.SLOTBRIDGE_MATRIX_ALL === '1';
/** Files not repeated per build (run once, in npm test), and why; none with SLOTBRIDGE_MATRIX_ALL=1. */
const NOT_SERVER_DEPENDENT: ReadonlyMap<string, string> = ALL
  ? new Map([...ONCE].filter(([file]) => file === 'cluster-scripted-faults' || file === 'server-commands'))
  : ONCE;

type FileStatus = 'passed' | 'failed' | 'skipped' | 'not run';

interface ServerRun {
  build: ServerBuild;
  version: string;
  files: Map<string, FileStatus>;
  durations: Map<string, number>;
  /** Greppable result lines the tests print (`[failover-bounds] ...`). */
  numbers: string[];
  /** What each failed test (or file) reported, for the end of the log, where a CI tail shows it. */
  failures: string[];
  exitCode: number;
  seconds: number;
}

const root = repoRoot();
const integrationDir = path.join(root, 'test', 'integration');

async function main(): Promise<number> {
  const choice = findServersDir();
  for (const place of choice.considered) {
    console.log(`[servers] ${place.exists ? 'found' : 'no folder at'} ${place.dir} (${place.from})`);
  }
  if (choice.dir === undefined) {
    console.log(
      '[servers] no servers folder: the server matrix is skipped (set SLOTBRIDGE_SERVERS_DIR to run it).',
    );
    return 0;
  }
  console.log(`[servers] using ${choice.dir}`);
  const only = listSetting('SLOTBRIDGE_MATRIX_SERVERS');
  const builds = listServerBuilds(choice.dir).filter(
    (build) => only === undefined || only.includes(build.name),
  );
  if (builds.length === 0) {
    console.log(`[servers] no server build in ${choice.dir}: nothing to run.`);
    return only === undefined ? 0 : 1;
  }
  const files = matrixFiles();
  const parallel = Math.max(
    1,
    Math.min(builds.length, Number(process.env.SLOTBRIDGE_MATRIX_PARALLEL ?? os.availableParallelism()) || 1),
  );
  console.log(
    `[servers] ${builds.length} build(s): ${builds.map((b) => b.name).join(', ')}; ${files.length} test files each` +
      `, ${parallel} build(s) at once (run once, in npm test: ${[...NOT_SERVER_DEPENDENT.keys()].join(', ')})`,
  );
  const started = performance.now();
  const runs: ServerRun[] = new Array(builds.length);
  let next = 0;
  // `parallel` lanes take the builds in order; each lane has its own proxy port bands (test/helpers/port-range.ts).
  const lane = async (index: number) => {
    while (next < builds.length) {
      const at = next++;
      runs[at] = await runOne(builds[at], files, index, parallel);
    }
  };
  await Promise.all(Array.from({ length: parallel }, (_, index) => lane(index)));
  console.log(`[servers] matrix done in ${Math.round((performance.now() - started) / 1000)} s`);
  const report = renderReport(choice.dir, files, runs);
  const out = process.env.SLOTBRIDGE_MATRIX_OUT ?? path.join(root, 'results', 'server-matrix.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, report);
  console.log(`\n${report}\n[servers] written to ${out}`);
  const failed = runs.some(
    (run) => run.exitCode !== 0 || [...run.files.values()].some((s) => s === 'failed'),
  );
  return failed ? 1 : 0;
}

function listSetting(name: string): string[] | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function matrixFiles(): string[] {
  const all = readdirSync(integrationDir)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.test.ts'.length))
    .filter((name) => !NOT_SERVER_DEPENDENT.has(name))
    // A file in neither list is repeated (a unit test keeps the lists complete).
    .filter((name) => ALL || PER_SERVER.has(name) || !ONCE.has(name))
    .sort();
  const only = listSetting('SLOTBRIDGE_MATRIX_FILES');
  return only === undefined ? all : all.filter((name) => only.includes(name));
}

async function runOne(build: ServerBuild, files: string[], lane: number, lanes: number): Promise<ServerRun> {
  const version = await serverVersionLine(build);
  console.log(`\n[servers] === ${build.name}: ${version} ===`);
  // Side by side, each line says which build it is from.
  const prefix = lanes > 1 ? `[${build.name}] ` : '';
  const jsonFile = path.join(os.tmpdir(), `slotbridge-matrix-${process.pid}-${build.name}.json`);
  const started = performance.now();
  const numbers: string[] = [];
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        // Two builds at once on 2 cores: 2 workers each (npm test alone runs 3, vitest.config.ts).
        `--maxWorkers=${MATRIX_WORKERS}`,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${jsonFile}`,
        ...files.map((name) => path.join('test', 'integration', `${name}.test.ts`)),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          [SERVER_SETTING]: build.binDir ?? '',
          SLOTBRIDGE_PORT_LANE: String(lane),
          SLOTBRIDGE_PORT_LANES: String(lanes),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const relay = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream): void => {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        if (prefix === '') sink.write(chunk);
        const text = partial + chunk.toString('utf8');
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (prefix !== '') sink.write(`${prefix}${line}\n`);
          if (line.includes('[failover-bounds]'))
            numbers.push(line.slice(line.indexOf('[failover-bounds]')).trim());
        }
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const seconds = Math.round((performance.now() - started) / 1000);
  const { statuses, durations, failures } = readJsonReport(jsonFile, files);
  return { build, version, files: statuses, durations, numbers, failures, exitCode, seconds };
}

interface JsonFileResult {
  name: string;
  status?: string;
  startTime?: number;
  endTime?: number;
  /** Set when the file itself failed (a hook, an import), not one test. */
  message?: string;
  assertionResults?: { status?: string; fullName?: string; failureMessages?: string[] }[];
}

/** Lines of one failure message kept in the report: the assertion and the top of its stack. */
const FAILURE_LINES = 12;

function firstLines(text: string): string {
  const lines = text.split('\n');
  const kept = lines.slice(0, FAILURE_LINES).map((line) => `    ${line}`);
  if (lines.length > FAILURE_LINES) kept.push(`    ... (${lines.length - FAILURE_LINES} more lines)`);
  return kept.join('\n');
}

function readJsonReport(
  jsonFile: string,
  files: string[],
): { statuses: Map<string, FileStatus>; durations: Map<string, number>; failures: string[] } {
  const statuses = new Map<string, FileStatus>(files.map((name) => [name, 'not run']));
  const durations = new Map<string, number>();
  const failures: string[] = [];
  let results: JsonFileResult[] = [];
  try {
    results =
      (JSON.parse(readFileSync(jsonFile, 'utf8')) as { testResults?: JsonFileResult[] }).testResults ?? [];
  } catch {
    // No report (vitest crashed): every file stays "not run", which fails the matrix.
  }
  for (const result of results) {
    const name = path.basename(result.name).replace(/\.test\.ts$/, '');
    const tests = result.assertionResults ?? [];
    let status: FileStatus;
    if (result.status === 'failed' || tests.some((test) => test.status === 'failed')) status = 'failed';
    else if (
      tests.length > 0 &&
      tests.every((test) => test.status === 'skipped' || test.status === 'pending')
    )
      status = 'skipped';
    else status = 'passed';
    statuses.set(name, status);
    if (result.message !== undefined && result.message !== '') {
      failures.push(`- ${name}: the file failed\n${firstLines(result.message)}`);
    }
    for (const test of tests) {
      if (test.status !== 'failed') continue;
      const message = (test.failureMessages ?? []).join('\n') || '(no message)';
      failures.push(`- ${name} > ${test.fullName ?? '(unnamed test)'}\n${firstLines(message)}`);
    }
    if (result.startTime !== undefined && result.endTime !== undefined) {
      durations.set(name, Math.round((result.endTime - result.startTime) / 1000));
    }
  }
  return { statuses, durations, failures };
}

function renderReport(serversDir: string, files: string[], runs: ServerRun[]): string {
  const lines = [
    '# Server matrix',
    '',
    `Written by \`npm run test:servers\` on ${new Date().toISOString()} (${os.cpus().length} cores), servers from ${serversDir}.`,
    '',
    ...runs.map(
      (run) => `- ${run.build.name}: ${run.version} — ${run.seconds} s, vitest exit ${run.exitCode}`,
    ),
    '',
    `| test file | ${runs.map((run) => run.build.name).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
  ];
  for (const file of files) {
    const cells = runs.map((run) => {
      const seconds = run.durations.get(file);
      return `${run.files.get(file) ?? 'not run'}${seconds === undefined ? '' : ` (${seconds} s)`}`;
    });
    lines.push(`| ${file} | ${cells.join(' | ')} |`);
  }
  for (const [file, why] of NOT_SERVER_DEPENDENT) {
    lines.push(`| ${file} | ${runs.map(() => `once, in npm test (${why})`).join(' | ')} |`);
  }
  lines.push('', '## Failover numbers (kill -9 under load, from the tests)', '');
  for (const run of runs) {
    if (run.numbers.length === 0) lines.push(`- ${run.build.name}: none printed`);
    for (const line of run.numbers) lines.push(`- ${run.build.name}: \`${line}\``);
  }
  // Last, so that the tail of a CI log says why a file failed.
  const failed = runs.filter((run) => run.failures.length > 0 || run.exitCode !== 0);
  if (failed.length > 0) {
    lines.push('', '## Failures', '');
    for (const run of failed) {
      lines.push(`### ${run.build.name} (vitest exit ${run.exitCode})`, '');
      if (run.failures.length === 0) lines.push('- no failed test in the report: see the log above');
      lines.push(...run.failures, '');
    }
  }
  return `${lines.join('\n')}\n`;
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
