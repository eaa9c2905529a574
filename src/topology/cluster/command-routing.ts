/**
 * Where a command goes in a cluster, decided before anything is sent: the slot of its keys (CRC16 with
 * hash tags), every shard or node (request_policy tips), any primary (keyless), or split per slot
 * (multi-key commands tipped MULTI_SHARD: MGET, MSET, DEL, EXISTS, UNLINK, TOUCH).
 */
import calculateSlot from 'cluster-key-slot';
import { type CommandInfo, extractKeyIndexes, lookupCommand } from '../../commands/index.js';
import type { RespArg } from '../../resp/index.js';
import { ClusterError } from './cluster-error.js';

/** One per-slot part of a split command. */
export interface SplitPart {
  readonly slot: number;
  readonly args: RespArg[];
  /** Positions (in key order of the original command) of the keys this part carries. */
  readonly keyPositions: number[];
}

export type RoutePlan =
  | { readonly kind: 'slot'; readonly slot: number; readonly info: CommandInfo | undefined }
  | { readonly kind: 'any'; readonly info: CommandInfo | undefined }
  | { readonly kind: 'all-shards' | 'all-nodes'; readonly info: CommandInfo }
  | {
      readonly kind: 'split';
      readonly info: CommandInfo;
      readonly parts: SplitPart[];
      readonly keyCount: number;
    };

/** The hash slot of one key (CRC16 of the key or of its `{hash tag}`, modulo 16384). */
export function keySlot(key: RespArg): number {
  if (typeof key === 'string' || Buffer.isBuffer(key)) return calculateSlot(key);
  return calculateSlot(String(key));
}

/**
 * Plans one command. Throws a {@link ClusterError} `ERR_CLUSTER_CROSSSLOT` when its keys hash to
 * different slots and it cannot be split. A split of a command that writes values (MSET: its key spec
 * is flagged OW/UPDATE/INSERT/RW) loses atomicity and happens only with `splitMultiSlotWrites`; splits
 * of reads, deletions and touches (MGET, DEL, UNLINK, EXISTS, TOUCH) are always made: each key's result
 * is independent of the others.
 */
export function planCommand(args: readonly RespArg[], splitMultiSlotWrites = false): RoutePlan {
  const info = lookupCommand(args);
  if (info === undefined) return { kind: 'any', info };
  if (info.singleKeyFirst && args.length > 1) return { kind: 'slot', slot: keySlot(args[1]), info };
  const indexes = extractKeyIndexes(info, args, { includeNotKeys: true });
  if (indexes.length === 0) {
    if (info.requestPolicy === 'ALL_SHARDS') return { kind: 'all-shards', info };
    if (info.requestPolicy === 'ALL_NODES') return { kind: 'all-nodes', info };
    return { kind: 'any', info };
  }
  const slot = keySlot(args[indexes[0]]);
  let sameSlot = true;
  for (let i = 1; i < indexes.length; i++) {
    if (keySlot(args[indexes[i]]) !== slot) {
      sameSlot = false;
      break;
    }
  }
  if (sameSlot) return { kind: 'slot', slot, info };
  const multiShard = info.requestPolicy === 'MULTI_SHARD';
  const optInMissing = multiShard && !splitMultiSlotWrites && writesValues(info);
  const parts = multiShard && !optInMissing ? splitPerSlot(info, args, indexes) : undefined;
  if (optInMissing) {
    throw new ClusterError(
      'ERR_CLUSTER_CROSSSLOT',
      `Command ${info.name} has keys in different hash slots and was not sent: split per slot it would no ` +
        'longer be atomic (another client could see some keys written and not others). Put a common ' +
        '{hash tag} in the keys, or opt in with cluster.splitMultiSlotWrites: true if that is acceptable.',
    );
  }
  if (parts === undefined) {
    throw new ClusterError(
      'ERR_CLUSTER_CROSSSLOT',
      `Command ${info.name} has keys in different hash slots and was not sent: in a cluster every key of one ` +
        'command must hash to the same slot. Put a common {hash tag} in the keys (e.g. {user:1}.name and ' +
        '{user:1}.email) or send one command per key.',
    );
  }
  return { kind: 'split', info, parts, keyCount: indexes.length };
}

/** True when the command's keys are written with values (OW/UPDATE/INSERT/RW), not read or deleted. */
function writesValues(info: CommandInfo): boolean {
  return info.keySpecs.some(
    (spec) => spec.has('OW') || spec.has('UPDATE') || spec.has('INSERT') || spec.has('RW'),
  );
}

/**
 * Splits a MULTI_SHARD command whose arguments after the name are all key groups (a key, then
 * `step - 1` values), the shape of MGET/MSET/DEL/EXISTS/UNLINK/TOUCH. Anything else: undefined.
 */
function splitPerSlot(
  info: CommandInfo,
  args: readonly RespArg[],
  indexes: number[],
): SplitPart[] | undefined {
  const spec = info.keySpecs[0];
  if (info.keySpecs.length !== 1 || spec.beginSearch.type !== 'index' || spec.findKeys.type !== 'range')
    return undefined;
  const first = spec.beginSearch.pos;
  const step = spec.findKeys.step;
  if (first !== 1 || (args.length - 1) % step !== 0 || indexes.length * step !== args.length - 1)
    return undefined;
  const bySlot = new Map<number, SplitPart>();
  for (let position = 0; position < indexes.length; position++) {
    const index = indexes[position];
    const slot = keySlot(args[index]);
    let part = bySlot.get(slot);
    if (part === undefined) {
      part = { slot, args: [args[0]], keyPositions: [] };
      bySlot.set(slot, part);
    }
    for (let i = 0; i < step; i++) part.args.push(args[index + i]);
    part.keyPositions.push(position);
  }
  return [...bySlot.values()];
}
