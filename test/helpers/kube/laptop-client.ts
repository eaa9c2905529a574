/**
 * Runs inside the kube lab's laptop namespace (KubeLab.runInLaptop): drives a slotbridge client from
 * src/ against the ingress and prints one JSON object (LaptopClientResult). Spec (argv[2], JSON):
 *
 * - `{ mode: 'unmapped', config }`: connect, then one SET and a pipeline of one key per slot; reports
 *   the errors (expected: UnreachableNodeError, quickly) and how long each step took.
 * - `{ mode: 'slots', config, functionMap?, syncDir? }`: a pipeline of one SET per slot (all 16384);
 *   with `syncDir`, writes `<syncDir>/ready` and waits for `<syncDir>/go` (the test fails a primary
 *   over meanwhile), then reads every slot back and writes it again with the same client.
 *   `functionMap` turns into `addresses.map` as a function (announced `host:port` → target).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatAddress, UnreachableNodeError } from '../../../src/address/index.js';
import { type ClientConfig, createClient, type RedisClient } from '../../../src/client/index.js';
import { keySlot } from '../../../src/topology/cluster/index.js';

interface LaptopClientSpec {
  mode: 'unmapped' | 'slots';
  config: ClientConfig | string;
  functionMap?: Record<string, string>;
  syncDir?: string;
}

/** An error as JSON, with the unreachable node's details when it is an UnreachableNodeError. */
export interface ErrorSummary {
  name: string;
  code?: string;
  message: string;
  node?: {
    announced: string;
    target: string;
    source: string;
    announcedBy?: string;
    nodeId?: string;
    role?: string;
    slots?: string;
    causeCode?: string;
  };
}

/** What one pass over every slot gave: how many replies were as expected, and a few errors. */
export interface SlotPass {
  ok: number;
  failed: number;
  errors: ErrorSummary[];
}

export type LaptopClientResult =
  | {
      mode: 'unmapped';
      connectMs: number;
      connectError?: ErrorSummary;
      set: { ms: number; error?: ErrorSummary; reply?: unknown };
      pipeline: { ms: number; unreachable: number; other: ErrorSummary[]; succeeded: number };
    }
  | { mode: 'slots'; before: SlotPass; after?: { read: SlotPass; write: SlotPass } };

function summarize(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error) };
  const summary: ErrorSummary = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') summary.code = code;
  if (error instanceof UnreachableNodeError) {
    const node = error.node;
    summary.node = {
      announced: formatAddress(node.announced),
      target: formatAddress(node.target),
      source: node.source,
      announcedBy: node.announcedBy,
      nodeId: node.nodeId,
      role: node.role,
      slots: node.slots,
      causeCode: (node.cause as NodeJS.ErrnoException).code,
    };
  }
  return summary;
}

/** One key per slot (index = slot). */
function keysForEverySlot(): string[] {
  const keys = new Array<string>(16384);
  let found = 0;
  for (let i = 0; found < 16384; i++) {
    const key = `kube:${i}`;
    const slot = keySlot(key);
    if (keys[slot] === undefined) {
      keys[slot] = key;
      found++;
    }
  }
  return keys;
}

/** Runs `pipeline` (one command per slot) and counts the replies equal to `expected`. */
async function pass(results: Promise<readonly unknown[]>, expected: unknown): Promise<SlotPass> {
  const outcome: SlotPass = { ok: 0, failed: 0, errors: [] };
  for (const result of await results) {
    if (result === expected) {
      outcome.ok++;
      continue;
    }
    outcome.failed++;
    if (outcome.errors.length < 3) outcome.errors.push(summarize(result));
  }
  return outcome;
}

function writeEverySlot(client: RedisClient, keys: string[], value: string): Promise<SlotPass> {
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.set(key, value);
  return pass(pipeline.exec(), 'OK');
}

function readEverySlot(client: RedisClient, keys: string[], expected: string): Promise<SlotPass> {
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.get(key);
  return pass(pipeline.exec(), expected);
}

async function waitForFile(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function unmapped(config: ClientConfig | string): Promise<LaptopClientResult> {
  const client = createClient(config);
  try {
    let started = performance.now();
    let connectError: ErrorSummary | undefined;
    await client.connect().catch((error: unknown) => {
      connectError = summarize(error);
    });
    const connectMs = performance.now() - started;
    started = performance.now();
    const set = await client.set('foo', 'bar').then(
      (reply) => ({ ms: performance.now() - started, reply }),
      (error: unknown) => ({ ms: performance.now() - started, error: summarize(error) }),
    );
    started = performance.now();
    const pipeline = client.pipeline();
    for (const key of keysForEverySlot()) pipeline.get(key);
    const results = await pipeline.exec();
    const other: ErrorSummary[] = [];
    let unreachable = 0;
    let succeeded = 0;
    for (const result of results) {
      if (result instanceof UnreachableNodeError) unreachable++;
      else if (result instanceof Error) {
        if (other.length < 3) other.push(summarize(result));
      } else succeeded++;
    }
    return {
      mode: 'unmapped',
      connectMs,
      ...(connectError ? { connectError } : {}),
      set,
      pipeline: { ms: performance.now() - started, unreachable, other, succeeded },
    };
  } finally {
    client.disconnect();
  }
}

async function slots(spec: LaptopClientSpec): Promise<LaptopClientResult> {
  let config = spec.config;
  if (spec.functionMap !== undefined) {
    const table = spec.functionMap;
    if (typeof config === 'string') throw new Error('functionMap needs an object config');
    config = {
      ...config,
      addresses: { ...config.addresses, map: (announced) => table[formatAddress(announced)] },
    };
  }
  const client = createClient(config);
  try {
    await client.connect();
    const keys = keysForEverySlot();
    const before = await writeEverySlot(client, keys, 'before');
    if (spec.syncDir === undefined) return { mode: 'slots', before };
    writeFileSync(path.join(spec.syncDir, 'ready'), JSON.stringify(before));
    await waitForFile(path.join(spec.syncDir, 'go'), 60_000);
    const read = await readEverySlot(client, keys, 'before');
    const write = await writeEverySlot(client, keys, 'after');
    return { mode: 'slots', before, after: { read, write } };
  } finally {
    client.disconnect();
  }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LaptopClientSpec;
const result = spec.mode === 'unmapped' ? await unmapped(spec.config) : await slots(spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
