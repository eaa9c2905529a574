/**
 * The client side of the demo's reachability section, run as its own process (inside the kube lab's
 * laptop namespace). argv[2] is JSON DemoReachSpec: connects to the cluster seed, with
 * `addresses.discover` when given, writes one key (or one key per slot) in a pipeline, and prints one
 * JSON line (DemoReachResult). The demo's loopback variant calls {@link reachEverySlot} in-process.
 */
import { pathToFileURL } from 'node:url';
import { UnreachableNodeError } from '../address/index.js';
import { createClient } from '../client/index.js';
import { keySlot } from '../topology/cluster/index.js';

/** What the demo prints for one client. */
export interface DemoReachResult {
  /** SETs that answered OK (one per slot with `everySlot`). */
  ok: number;
  /** The first error, if any (an UnreachableNodeError without a mapping). */
  error?: { name: string; code?: string; message: string };
  /** How many commands failed with UnreachableNodeError. */
  unreachable: number;
  ms: number;
}

export interface DemoReachSpec {
  seed: string;
  /** Write one key per slot (default: one SET of `key`). */
  everySlot?: boolean;
  /** The key of the single SET (default `demo:reach`). */
  key?: string;
  discover?: { host: string; ports: string };
  connectTimeout?: number;
}

/** One key per slot (index = slot). */
export function keysForEverySlot(prefix: string): string[] {
  const keys = new Array<string>(16384);
  let found = 0;
  for (let i = 0; found < 16384; i++) {
    const key = `${prefix}${i}`;
    const slot = keySlot(key);
    if (keys[slot] === undefined) {
      keys[slot] = key;
      found++;
    }
  }
  return keys;
}

/** Connects as the spec says and writes one key per slot; never throws (errors are in the result). */
export async function reachEverySlot(spec: DemoReachSpec): Promise<DemoReachResult> {
  const started = performance.now();
  const client = createClient({
    cluster: { hosts: [spec.seed] },
    connectTimeout: spec.connectTimeout ?? 2000,
    ...(spec.discover ? { addresses: { discover: spec.discover } } : {}),
  });
  const result: DemoReachResult = { ok: 0, unreachable: 0, ms: 0 };
  const note = (error: unknown): void => {
    if (error instanceof UnreachableNodeError) result.unreachable++;
    if (result.error === undefined && error instanceof Error) {
      const code = (error as { code?: unknown }).code;
      result.error = {
        name: error.name,
        message: error.message,
        ...(typeof code === 'string' ? { code } : {}),
      };
    }
  };
  try {
    await client.connect();
    const pipeline = client.pipeline();
    for (const key of spec.everySlot ? keysForEverySlot('demo:reach:') : [spec.key ?? 'demo:reach'])
      pipeline.set(key, 'v');
    for (const reply of await pipeline.exec()) {
      if (reply === 'OK') result.ok++;
      else note(reply);
    }
  } catch (error) {
    note(error);
  } finally {
    client.disconnect();
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const spec = JSON.parse(process.argv[2] ?? '{}') as DemoReachSpec;
  process.stdout.write(`${JSON.stringify(await reachEverySlot(spec))}\n`);
  process.exit(0);
}
