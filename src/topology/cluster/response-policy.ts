/**
 * Combines the replies of a command sent to several shards or nodes, following its response_policy
 * tip (AGG_SUM, AGG_MIN, AGG_MAX, AGG_LOGICAL_AND, AGG_LOGICAL_OR, ALL_SUCCEEDED, ONE_SUCCEEDED). Without
 * a tip, array replies are concatenated (KEYS) and others are returned one per node.
 */
import type { CommandInfo } from '../../commands/index.js';
import type { RespValue } from '../../resp/index.js';
import type { SplitPart } from './command-routing.js';

type Settled = PromiseSettledResult<RespValue>;

function firstError(results: Settled[]): unknown {
  for (const result of results) if (result.status === 'rejected') return result.reason;
  return undefined;
}

function values(results: Settled[]): RespValue[] {
  return results.map((result) => (result.status === 'fulfilled' ? result.value : null));
}

function numeric(value: RespValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(value);
}

function aggregate(replies: RespValue[], combine: (a: number, b: number) => number): RespValue {
  if (replies.length === 0) return null;
  if (replies.every(Array.isArray)) {
    // Element-wise (SCRIPT EXISTS returns one 0/1 per script from every node).
    const arrays = replies as RespValue[][];
    return arrays[0].map((_, i) => arrays.map((array) => numeric(array[i])).reduce(combine));
  }
  return replies.map(numeric).reduce(combine);
}

const AGGREGATORS: Record<string, (a: number, b: number) => number> = {
  AGG_SUM: (a, b) => a + b,
  AGG_MIN: Math.min,
  AGG_MAX: Math.max,
  AGG_LOGICAL_AND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  AGG_LOGICAL_OR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

/** Combines fan-out replies; rejects with the first error unless the policy tolerates it. */
export function combineReplies(info: CommandInfo, results: Settled[], nodeKeys: string[]): RespValue {
  const policy: string | undefined = info.responsePolicy;
  if (policy === 'ONE_SUCCEEDED') {
    const success = results.find((result) => result.status === 'fulfilled');
    if (success !== undefined) return success.value;
    throw firstError(results);
  }
  const error = firstError(results);
  if (error !== undefined) throw error;
  const replies = values(results);
  if (policy !== undefined && policy in AGGREGATORS) return aggregate(replies, AGGREGATORS[policy]);
  if (policy === 'ALL_SUCCEEDED') return replies[0] ?? null;
  if (policy === undefined && replies.every(Array.isArray)) return (replies as RespValue[][]).flat();
  // SPECIAL or no tip with scalar replies: one reply per node, keyed by the node's address.
  const byNode = new Map<RespValue, RespValue>();
  for (let i = 0; i < replies.length; i++) byNode.set(nodeKeys[i], replies[i]);
  return byNode;
}

/** Reassembles a split multi-key command: arrays back in key order (MGET), numbers summed, else the policy. */
export function mergeSplitReplies(
  info: CommandInfo,
  parts: SplitPart[],
  keyCount: number,
  results: Settled[],
): RespValue {
  const error = firstError(results);
  if (error !== undefined) throw error;
  const replies = values(results);
  if (replies.every(Array.isArray)) {
    const out: RespValue[] = new Array(keyCount).fill(null);
    parts.forEach((part, p) => {
      const reply = replies[p] as RespValue[];
      part.keyPositions.forEach((position, i) => {
        out[position] = reply[i] ?? null;
      });
    });
    return out;
  }
  if (info.responsePolicy === 'AGG_SUM') return aggregate(replies, AGGREGATORS.AGG_SUM);
  return replies[0] ?? null;
}
