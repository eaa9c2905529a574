/**
 * A broad sweep of the promise "the same JS shape on RESP3 and RESP2": every typed method that needs no
 * argument and neither writes nor stops anything is called on both protocols against one real server, and
 * the structure of the two results (types, object keys, element kinds; not the values, which change from
 * call to call) must be the same. The targeted cases with arguments are in typed-commands.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type RedisClient, ReplyError } from '../../src/client/index.js';
import type { CommandDefinition } from '../../src/commands/command-definition.js';
import { clientCommands } from '../../src/commands/command-set.js';
import { lookupCommand } from '../../src/commands/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const client = useClients();

/** Argument-less commands that change or stop something although the spec does not flag them WRITE. */
const UNSAFE = new Set([
  'SHUTDOWN',
  'SAVE',
  'BGSAVE',
  'BGREWRITEAOF',
  'DEBUG',
  'FAILOVER',
  'MONITOR',
  'CLIENT PAUSE',
  'CLIENT UNPAUSE',
  'CLIENT KILL',
  'CLUSTER RESET',
  'CLUSTER FAILOVER',
  'CLUSTER SAVECONFIG',
  'CONFIG RESETSTAT',
  'CONFIG REWRITE',
  'LATENCY RESET',
  'SLOWLOG RESET',
  'MEMORY PURGE',
  'SCRIPT FLUSH',
  'SCRIPT KILL',
  'FUNCTION FLUSH',
  'FUNCTION KILL',
  'ACL SAVE',
  'ACL LOAD',
  'READONLY',
  'READWRITE',
  'ASKING',
  'LOLWUT',
  // Its keys are the commands called so far and their latency buckets: compared with a fixed command below.
  'LATENCY HISTOGRAM',
]);

/** The structure of a value: what must agree between protocols (values themselves may not). */
function structure(value: unknown): unknown {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof Error) return `Error ${(value as { code?: string }).code ?? ''}`;
  if (Array.isArray(value)) {
    const kinds = [...new Set(value.map((v) => JSON.stringify(structure(v))))].sort();
    return { array: kinds.map((k) => JSON.parse(k)) };
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = structure((value as Record<string, unknown>)[key]);
    return out;
  }
  return typeof value;
}

function sample(): Array<[string, CommandDefinition]> {
  const table = clientCommands as unknown as Record<string, CommandDefinition>;
  const out: Array<[string, CommandDefinition]> = [];
  for (const name of Object.keys(table).sort()) {
    const definition = table[name];
    let wire: readonly unknown[];
    try {
      wire = definition.encode();
    } catch {
      continue; // needs arguments
    }
    if (wire.some((arg) => arg === undefined)) continue; // a hand-written method that needs arguments
    const info = lookupCommand(wire as string[]);
    if (info === undefined || info.isWrite || info.isBlocking || info.sentinelOnly) continue;
    if (UNSAFE.has(info.name) || UNSAFE.has(info.container ?? '')) continue;
    out.push([name, definition]);
  }
  return out;
}

async function run(redis: RedisClient, name: string): Promise<unknown> {
  const method = (redis as unknown as Record<string, () => Promise<unknown>>)[name];
  return method.call(redis).catch((error: unknown) => {
    if (error instanceof ReplyError || (error as { code?: string }).code !== undefined) return error;
    throw error;
  });
}

describe('the same JS shape on RESP3 and RESP2', () => {
  it('for every argument-less typed method that reads', async () => {
    const resp3 = client({ port: lab.server.port, protocol: 3 });
    const resp2 = client({ port: lab.server.port, protocol: 2 });
    await Promise.all([resp3.connect(), resp2.connect()]);
    await resp3.set('shape:key', 'v');
    const methods = sample();
    expect(methods.length).toBeGreaterThan(40);
    console.log(`compared ${methods.length} methods`);
    const mismatches: string[] = [];
    for (const [name] of methods) {
      const a = structure(await run(resp3, name));
      const b = structure(await run(resp2, name));
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        mismatches.push(`${name}: RESP3 ${JSON.stringify(a)} / RESP2 ${JSON.stringify(b)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('for LATENCY HISTOGRAM of one command (bucket keys vary with timing; their values do not)', async () => {
    const shapes: unknown[] = [];
    for (const protocol of [3, 2] as const) {
      const redis = client({ port: lab.server.port, protocol });
      await redis.ping();
      const histogram = (await redis.latencyHistogram('ping')) as Record<
        string,
        { calls?: number; histogram_usec?: object }
      >;
      const buckets = Object.values(histogram.ping?.histogram_usec ?? {});
      shapes.push([
        Object.keys(histogram),
        structure(histogram.ping?.calls),
        [...new Set(buckets.map(structure))],
      ]);
    }
    expect(shapes[0]).toEqual([['ping'], 'number', ['number']]);
    expect(shapes[1]).toEqual(shapes[0]);
  });
});
