/**
 * Runs inside the kube lab's laptop namespace (KubeLab.runInLaptop): one slotbridge client under a
 * steady load while the test moves every pod, then a check that it serves writes again. Spec
 * (argv[2], JSON): `{ kind: 'cluster' | 'sentinel', config, rate, syncDir, maxMs }`.
 *
 * Connects, writes `<syncDir>/ready`, then issues `rate` commands/s (SET and GET over 5000 keys,
 * so every primary gets some) until `<syncDir>/stop` appears (or `maxMs`). Then waits for every
 * issued command to settle (up to 15 s) and checks: cluster, a pipeline of one SET per slot (all
 * 16384); sentinel, a SET and ROLE on the connection that served it. Prints one JSON object
 * (LaptopLoadResult). Times are epoch milliseconds (Date.now()) so the test can compare them with
 * the lab's.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ClientConfig, createClient } from '../../../src/client/index.js';
import { keySlot } from '../../../src/topology/cluster/index.js';

interface LaptopLoadSpec {
  kind: 'cluster' | 'sentinel';
  config: ClientConfig;
  rate: number;
  syncDir: string;
  maxMs: number;
}

export interface LaptopLoadResult {
  sent: number;
  ok: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** Commands still unsettled 15 s after the load stopped. */
  pending: number;
  /** When the load started and stopped issuing. */
  startedAt: number;
  stoppedAt: number;
  /** The first failed command's settle time, or 0. */
  firstTroubleAt: number;
  /** The last command that failed or took longer than 500 ms: its settle time, or 0. */
  lastTroubleAt: number;
  /** Commands that succeeded after the last trouble (a clean last stretch of the load). */
  okAfterLastTrouble: number;
  /** The slowest successful command, in ms. */
  slowestOkMs: number;
  /** Cluster: SETs of the one-per-slot pipeline that replied OK (of 16384). */
  slotsOk?: number;
  slotErrors?: string[];
  /** Sentinel: the SET's reply and the role of the node that served it. */
  masterWrite?: string;
  masterRole?: string;
}

const SLOW_MS = 500;

function keysForEverySlot(): string[] {
  const keys = new Array<string>(16384);
  let found = 0;
  for (let i = 0; found < 16384; i++) {
    const key = `heal:${i}`;
    const slot = keySlot(key);
    if (keys[slot] === undefined) {
      keys[slot] = key;
      found++;
    }
  }
  return keys;
}

function describe(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  return `${e.name ?? 'Error'} ${e.code ?? ''} ${e.message ?? String(error)}`.slice(0, 300);
}

async function run(spec: LaptopLoadSpec): Promise<LaptopLoadResult> {
  const client = createClient(spec.config);
  try {
    await client.connect();
    await client.set('heal:warm', '1');
    const result: LaptopLoadResult = {
      sent: 0,
      ok: 0,
      errors: 0,
      errorCodes: {},
      pending: 0,
      startedAt: Date.now(),
      stoppedAt: 0,
      firstTroubleAt: 0,
      lastTroubleAt: 0,
      okAfterLastTrouble: 0,
      slowestOkMs: 0,
    };
    writeFileSync(path.join(spec.syncDir, 'ready'), '');
    const perTick = Math.max(1, Math.round(spec.rate / 100));
    let counter = 0;
    const stopFile = path.join(spec.syncDir, 'stop');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(stopFile) || Date.now() - result.startedAt > spec.maxMs) {
          clearInterval(timer);
          resolve();
          return;
        }
        for (let i = 0; i < perTick; i++) {
          counter++;
          const key = `load:${counter % 5000}`;
          const started = Date.now();
          const command = counter % 2 === 0 ? client.set(key, String(counter)) : client.get(key);
          result.sent++;
          result.pending++;
          command.then(
            () => {
              result.pending--;
              result.ok++;
              const took = Date.now() - started;
              result.slowestOkMs = Math.max(result.slowestOkMs, took);
              if (took > SLOW_MS) {
                result.lastTroubleAt = Date.now();
                result.okAfterLastTrouble = 0;
              } else {
                result.okAfterLastTrouble++;
              }
            },
            (error: { code?: string }) => {
              result.pending--;
              result.errors++;
              const code = error?.code ?? 'unknown';
              result.errorCodes[code] = (result.errorCodes[code] ?? 0) + 1;
              result.lastTroubleAt = Date.now();
              result.okAfterLastTrouble = 0;
              if (result.firstTroubleAt === 0) result.firstTroubleAt = result.lastTroubleAt;
            },
          );
        }
      }, 10);
    });
    result.stoppedAt = Date.now();
    const settleBy = Date.now() + 15_000;
    while (result.pending > 0 && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 20));
    if (spec.kind === 'cluster') {
      const pipeline = client.pipeline();
      for (const key of keysForEverySlot()) pipeline.set(key, 'after');
      const replies = await pipeline.exec();
      result.slotsOk = replies.filter((reply) => reply === 'OK').length;
      result.slotErrors = replies
        .filter((reply) => reply !== 'OK')
        .slice(0, 3)
        .map(describe);
    } else {
      result.masterWrite = await client.set('heal:after', '1').then(String, describe);
      const role = await client.call('ROLE').then(
        (reply) => String((reply as unknown[])[0]),
        (error: unknown) => describe(error),
      );
      result.masterRole = role;
    }
    return result;
  } finally {
    client.disconnect();
  }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LaptopLoadSpec;
const result = await run(spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
