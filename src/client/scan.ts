/**
 * Whole-keyspace SCAN: the plain cursor loop on a single server; on a cluster, one loop per shard
 * (every primary), each following its shard through failovers.
 */
import type { SendOptions } from '../connection/index.js';
import { ProtocolError } from '../errors.js';
import type { RespArg, RespValue } from '../resp/index.js';
import type { KeyspacePart, Topology } from '../topology/index.js';

/** Options of {@link RedisClient.scanIterator}. */
export interface ScanOptions {
  /** Glob-style pattern (`user:*`); the server filters after reading, so a sparse match still walks everything. */
  match?: string;
  /** Work hint per SCAN call (server default 10); larger values mean fewer round trips. */
  count?: number;
  /** Only keys of this type (`string`, `hash`, `list`, `set`, `zset`, `stream`; Redis >= 6). */
  type?: string;
}

/** Identity of the single node of a topology without {@link Topology.keyspaces}. */
const SINGLE_NODE = 'single';

/** The single keyspace of a one-primary topology, walked through `dispatch` (which follows reconnects). */
function singleKeyspace(topology: Topology): KeyspacePart {
  return {
    send: async (args, options) => ({ node: SINGLE_NODE, reply: await topology.dispatch(args, options) }),
  };
}

function scanArgs(cursor: string, options: ScanOptions): RespArg[] {
  const args: RespArg[] = ['SCAN', cursor];
  if (options.match !== undefined) args.push('MATCH', options.match);
  if (options.count !== undefined) args.push('COUNT', options.count);
  if (options.type !== undefined) args.push('TYPE', options.type);
  return args;
}

function parseScanReply(reply: RespValue): [string, RespValue[]] {
  if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
    throw new ProtocolError('SCAN reply is not [cursor, keys]');
  }
  const cursor = reply[0];
  return [Buffer.isBuffer(cursor) ? cursor.toString('latin1') : String(cursor), reply[1]];
}

/**
 * Walks every key of the topology. Each part's cursor belongs to the node that issued it: when a part
 * moves to another node (a failover), its walk restarts from cursor 0 on the new node, so keys of that
 * shard already yielded may be yielded again (SCAN itself may also repeat a key while the server resizes
 * its table). Keys written or deleted during the walk may or may not appear; slots migrating between
 * shards during the walk may have their keys missed or repeated.
 */
export async function* scanKeyspace(
  topology: Topology,
  options: ScanOptions,
  sendOptions: (args: readonly RespArg[]) => SendOptions,
): AsyncGenerator<string, void, undefined> {
  const parts = topology.keyspaces === undefined ? [singleKeyspace(topology)] : await topology.keyspaces();
  for (const part of parts) {
    let cursor = '0';
    let node: string | undefined;
    for (;;) {
      const args = scanArgs(cursor, options);
      const answer = await part.send(args, sendOptions(args));
      if (node !== undefined && answer.node !== node) {
        // The cursor was another node's: discard this reply and walk the new node from the start.
        node = answer.node;
        cursor = '0';
        continue;
      }
      node = answer.node;
      const [next, keys] = parseScanReply(answer.reply);
      for (const key of keys) yield Buffer.isBuffer(key) ? key.toString() : String(key);
      if (next === '0') break;
      cursor = next;
    }
  }
}
