/**
 * BullMQ workloads shared by the bullmq-*.test.ts files: the feature tour (Queue, Worker, QueueEvents,
 * FlowProducer, a job scheduler, delayed, prioritised and retried jobs) and the load run with a fault in
 * the middle, measured the same way for slotbridge's adapter and for BullMQ's ioredis connection.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowProducer, type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { expect } from 'vitest';
import { labServerBuild } from '../../src/lab/index.js';

/** What BullMQ takes as `connection`: our adapter or an ioredis instance. */
// biome-ignore lint/suspicious/noExplicitAny: BullMQ's own ConnectionOptions union, as it declares it.
export type BullConnection = any;

const resultsDir = new URL('../../results/', import.meta.url).pathname;

/** Resolves once `check()` holds, polling; rejects with `what` after `timeoutMs` (a hang, not a timing). */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every feature the issue names, on one queue; asserts what a user gets. */
export async function featureTour(connection: BullConnection, prefix: string, name: string): Promise<void> {
  const queue = new Queue(name, { connection, prefix });
  const events = new QueueEvents(name, { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  const order: string[] = [];
  const completedEvents: string[] = [];
  events.on('completed', ({ jobId }) => completedEvents.push(jobId));
  const worker = new Worker(
    name,
    async (job: Job) => {
      order.push(job.name);
      if (job.name === 'flaky' && job.attemptsMade < 2)
        throw new Error(`attempt ${job.attemptsMade + 1} fails`);
      if (job.name === 'parent') return Object.values(await job.getChildrenValues()).sort();
      if (job.name === 'child') return `child ${job.data.n}`;
      return `${job.name} done`;
    },
    { connection, prefix, autorun: false, concurrency: 1, runRetryDelay: 200 },
  );
  try {
    await events.waitUntilReady();
    // BullMQ reads the server version from INFO (a cluster answers per node): a real version, not its 5.0.0 fallback.
    expect(await connection.info()).toMatch(/(redis|valkey)_version:[6-9]/);
    // Prioritised: added while no worker runs, so the order is the priorities' (1 is the highest).
    const low = await queue.add('low', {}, { priority: 10 });
    const high = await queue.add('high', {}, { priority: 1 });
    const plain = await queue.add('plain', { n: 1 });
    const delayed = await queue.add('delayed', {}, { delay: 400 });
    const flaky = await queue.add('flaky', {}, { attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    expect(await queue.getJobCounts('prioritized', 'delayed', 'wait')).toEqual({
      prioritized: 2,
      delayed: 1,
      wait: 2,
    });
    worker.run();
    expect(await plain.waitUntilFinished(events)).toBe('plain done');
    expect(await high.waitUntilFinished(events)).toBe('high done');
    expect(await low.waitUntilFinished(events)).toBe('low done');
    expect(order.indexOf('high')).toBeLessThan(order.indexOf('low'));
    expect(await flaky.waitUntilFinished(events)).toBe('flaky done');
    expect((await queue.getJob(flaky.id as string))?.attemptsMade).toBe(3);
    expect(order.filter((n) => n === 'flaky')).toHaveLength(3);
    expect(await delayed.waitUntilFinished(events)).toBe('delayed done');
    const delayedJob = await queue.getJob(delayed.id as string);
    expect((delayedJob?.processedOn ?? 0) - (delayedJob?.timestamp ?? 0)).toBeGreaterThanOrEqual(400);

    // A flow: the parent runs after its children, with their results.
    const tree = await flows.add({
      name: 'parent',
      queueName: name,
      children: [1, 2, 3].map((n) => ({ name: 'child', queueName: name, data: { n } })),
    });
    expect(await tree.job.waitUntilFinished(events)).toEqual(['child 1', 'child 2', 'child 3']);

    // A job scheduler: repeated jobs, then removed.
    await queue.upsertJobScheduler('tick-every-100ms', { every: 100 }, { name: 'tick' });
    await until('three scheduled ticks', () => order.filter((n) => n === 'tick').length >= 3);
    expect(await queue.removeJobScheduler('tick-every-100ms')).toBe(true);
    expect(await queue.getJobSchedulersCount()).toBe(0);

    // QueueEvents saw every completion (ids of the jobs above are all there).
    for (const job of [low, high, plain, delayed, flaky, tree.job]) {
      expect(completedEvents).toContain(job.id);
    }
    expect(await queue.getFailedCount()).toBe(0);
  } finally {
    await worker.close();
    await events.close();
    await flows.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

export interface LoadResult {
  adapter: string;
  topology: string;
  fault: string;
  jobs: number;
  completed: number;
  seconds: number;
  jobsPerSecond: number;
  /** Jobs that ended failed (the processor never throws: every failure comes from the fault). */
  failed: number;
  /** Jobs still active once the run was over. */
  stuckActive: number;
  /** Jobs whose processor ran more than once (a lost acknowledgement or lock: the job ran again). */
  processedMoreThanOnce: number;
  /** Jobs BullMQ found stalled (lock expired while active) and handed out again. */
  stalled: number;
  /** Distinct job ids QueueEvents reported completed. */
  completionEventsSeen: number;
  /** Seconds from the last job finishing until QueueEvents had reported every completion (or gave up, 30 s). */
  eventsLagSeconds: number;
  /** Worker and queue error events (connection errors BullMQ reports, failed retries). */
  errorEvents: number;
  /** The distinct messages of those events and of failed jobs (first 5). */
  errorSamples: string[];
}

export interface LoadOptions {
  adapter: string;
  topology: string;
  fault: string;
  jobs: number;
  prefix: string;
  /** Injected once a third of the jobs completed. */
  inject: () => Promise<void>;
  /** Called with the job ids QueueEvents did not report completed, before the queue is removed. */
  inspectMissing?: (missing: string[]) => Promise<void>;
}

/**
 * Adds `jobs` jobs (batches of 50, while the workers run), injects the fault once a third completed, and
 * waits until every job completed or failed and none is active. Assertions are left to the caller.
 */
export async function loadRun(connection: BullConnection, options: LoadOptions): Promise<LoadResult> {
  const { jobs, prefix } = options;
  const name = `load-${options.adapter}`;
  const queue = new Queue(name, { connection, prefix });
  // From the stream's start: the queue is new, and '$' (the default) would miss what completes before
  // QueueEvents' first XREAD reaches the server.
  const events = new QueueEvents(name, { connection, prefix, lastEventId: '0-0' });
  const seen = new Set<string>();
  const runs = new Map<string, number>();
  let errorEvents = 0;
  let stalled = 0;
  const samples = new Set<string>();
  const onError = (error: Error) => {
    errorEvents++;
    if (samples.size < 5) samples.add(error.message.slice(0, 160));
  };
  events.on('completed', ({ jobId }) => seen.add(jobId));
  events.on('error', onError);
  queue.on('error', onError);
  const workerOptions = {
    connection,
    prefix,
    concurrency: 50,
    runRetryDelay: 200,
    lockDuration: 10_000,
    stalledInterval: 2_000,
    maxStalledCount: 10,
  };
  const processor = async (job: Job) => {
    runs.set(job.id as string, (runs.get(job.id as string) ?? 0) + 1);
    return job.data.i;
  };
  const workers = [new Worker(name, processor, workerOptions), new Worker(name, processor, workerOptions)];
  for (const worker of workers) {
    worker.on('error', onError);
    worker.on('stalled', () => stalled++);
    worker.on('failed', (_job, error) => {
      if (samples.size < 5) samples.add(`job failed: ${error.message.slice(0, 160)}`);
    });
  }
  try {
    await Promise.all([events.waitUntilReady(), ...workers.map((w) => w.waitUntilReady())]);
    const started = performance.now();
    let injected: Promise<void> | undefined;
    for (let i = 0; i < jobs; i += 50) {
      const batch = Array.from({ length: Math.min(50, jobs - i) }, (_, k) => ({
        name: 'job',
        data: { i: i + k },
        opts: { jobId: `j${i + k}`, removeOnComplete: false },
      }));
      // An add that fails during the fault is retried: the job id makes a repeat harmless.
      await until(
        `batch ${i} added`,
        () =>
          queue.addBulk(batch).then(
            () => true,
            () => false,
          ),
        90_000,
      );
      if (injected === undefined && seen.size >= jobs / 3) injected = options.inject();
    }
    await until(
      'a third of the jobs completed',
      () => seen.size >= jobs / 3 || injected !== undefined,
      90_000,
    );
    injected ??= options.inject();
    await injected;
    const finished = async () => {
      const counts = await queue.getJobCounts(
        'completed',
        'failed',
        'active',
        'wait',
        'delayed',
        'prioritized',
      );
      return counts.completed + counts.failed === jobs && counts.active === 0 && counts.wait === 0;
    };
    await until('every job finished', () => finished().catch(() => false), 120_000);
    const seconds = (performance.now() - started) / 1000;
    // QueueEvents may trail the queue; BullMQ's own watchdog re-reads a stuck XREAD after its block time + 1 s.
    const drainedAt = performance.now();
    await until('QueueEvents caught up', () => seen.size >= jobs, 30_000).catch(() => undefined);
    const eventsLagSeconds = Math.round((performance.now() - drainedAt) / 100) / 10;
    const counts = await queue.getJobCounts('completed', 'failed', 'active');
    const missing = Array.from({ length: jobs }, (_, i) => `j${i}`).filter((id) => !seen.has(id));
    if (missing.length > 0) await options.inspectMissing?.(missing);
    return {
      adapter: options.adapter,
      topology: options.topology,
      fault: options.fault,
      jobs,
      completed: counts.completed,
      seconds: Math.round(seconds * 10) / 10,
      jobsPerSecond: Math.round(jobs / seconds),
      failed: counts.failed,
      stuckActive: counts.active,
      processedMoreThanOnce: [...runs.values()].filter((n) => n > 1).length,
      stalled,
      completionEventsSeen: seen.size,
      eventsLagSeconds,
      errorEvents,
      errorSamples: [...samples],
    };
  } finally {
    await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    await events.close().catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
}

/**
 * Whether the load tests also run BullMQ's own ioredis connection as the reference and write the results
 * files (BULLMQ_REFERENCE=1): a measurement for results/bullmq-load.md, not an assertion, so `npm test`
 * does not spend its time on it.
 */
export const withReference = process.env.BULLMQ_REFERENCE === '1';

/** Writes results/bullmq-<topology>.json and regenerates results/bullmq-load.md from every such file. */
export function writeResults(topology: string, results: LoadResult[], server: string): void {
  if (results.length === 0) return;
  // A run on another server build (SLOTBRIDGE_SERVER) keeps its own file next to the default one's.
  // SLOTBRIDGE_SERVER may be a path (the matrix passes one): the file takes the build's folder name.
  const name = labServerBuild().name;
  const build = name === 'PATH' ? '' : `-${name.replace(/[^\w.-]+/g, '-')}`;
  const file = join(resultsDir, `bullmq-${topology}${build}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ server, measuredAt: new Date().toISOString(), results }, null, 2)}\n`,
  );
  writeFileSync(join(resultsDir, 'bullmq-load.md'), renderResults());
}

/** results/bullmq-load.md's text, from every results/bullmq-*.json. */
export function renderResults(): string {
  const rows: string[] = [];
  for (const name of readdirSync(resultsDir).sort()) {
    if (!/^bullmq-.*\.json$/.test(name)) continue;
    const data = JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as {
      server: string;
      results: LoadResult[];
    };
    for (const r of data.results) {
      rows.push(
        `| ${r.topology} | ${r.fault} | ${r.adapter} | ${r.completed}/${r.jobs} | ${r.jobsPerSecond} | ${r.failed} | ` +
          `${r.stuckActive} | ${r.processedMoreThanOnce} | ${r.completionEventsSeen} | ${r.errorEvents} | ${data.server} |`,
      );
    }
  }
  return [
    '# BullMQ load with a fault: slotbridge adapter vs BullMQ ioredis connection',
    '',
    'Generated by test/integration/bullmq-*.test.ts (test/helpers/bullmq-workloads.ts); do not edit.',
    'Two workers (concurrency 50) on one queue, jobs added in batches of 50; the fault is injected once a',
    'third completed. jobs/s counts the whole run, fault and recovery included. Error events: what the',
    "Worker, Queue and QueueEvents emitted as 'error' (samples in the JSON files).",
    '',
    '| topology | fault | connection | completed | jobs/s | failed | stuck active | ran twice | completions seen by QueueEvents | error events | server |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
