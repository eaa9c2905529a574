/**
 * The port table kept in the servers the proxy fronts (`--port-table cluster[:KEY]`, the default): one
 * hash, key `{slotbridge}:proxy-ports` unless configured, so every replica (and the next start) reads
 * the same rows. Fields `node:<id>` → port and `port:<n>` → node id; both are only ever written with
 * HSETNX, so a row, once written, never changes:
 *
 * 1. claim the port: `HSETNX key port:<n> <id>`; taken by another node → try the next free port;
 * 2. claim the node: `HSETNX key node:<id> <n>`; another replica won the race for this node → its port
 *    is the node's, and `port:<n>` stays retired (never handed to another node).
 *
 * The port is claimed before the node, so a port is never given to two nodes; the node claim decides
 * which port a node has. Only HGETALL, HGET and HSETNX on the one key are needed (an ACL user with
 * `+hgetall +hget +hsetnx ~{slotbridge}:*` is enough).
 */
import { SlotbridgeError } from '../errors.js';
import type { RespValue } from '../resp/index.js';
import type { PortRange } from './port-allocator.js';
import { CachedPortTable, PortRangeFullError, PortTableError } from './port-table.js';

/** The default key: its hash tag puts it in one slot, 15435 (the shard owning that slot holds the table). */
export const DEFAULT_PORT_TABLE_KEY = '{slotbridge}:proxy-ports';

/** Sends one command to the server that holds `key` (following MOVED; the current master in sentinel mode). */
export type StoreSend = (args: readonly string[]) => Promise<RespValue>;

export interface RedisPortTableOptions {
  range: PortRange;
  /** Entry and metrics ports: never handed out. */
  reserved?: Iterable<number>;
  key?: string;
  send: StoreSend;
  /**
   * How long the first read retries a store that does not answer (its shard failing over, loading),
   * ms (default 30 000). NOPERM and READONLY-user errors are not retried.
   */
  firstLoadTimeoutMs?: number;
  log?: (line: string) => void;
}

const RETRY_MS = 500;

export class RedisPortTable extends CachedPortTable {
  readonly shared = true;
  readonly key: string;
  readonly description: string;
  private loaded: Promise<void> | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: RedisPortTableOptions) {
    super(options.range, options.reserved);
    this.key = options.key ?? DEFAULT_PORT_TABLE_KEY;
    this.description = `hash ${this.key}`;
    this.log = options.log ?? (() => {});
  }

  async load(): Promise<ReadonlyMap<string, number>> {
    if (this.loaded === undefined) {
      this.loaded = this.firstLoad();
      // A failed first load is tried again by the next call.
      this.loaded.catch(() => {
        this.loaded = undefined;
      });
      await this.loaded;
      return this.byNode;
    }
    await this.loaded;
    await this.readAndRepair();
    return this.byNode;
  }

  async claim(nodeId: string): Promise<number> {
    const known = this.byNode.get(nodeId);
    if (known !== undefined) return known;
    if (this.loaded === undefined) await this.load();
    else await this.loaded;
    const cached = this.byNode.get(nodeId);
    if (cached !== undefined) return cached;
    const stored = portNumber(await this.call(['HGET', this.key, `node:${nodeId}`]));
    if (stored !== undefined) {
      this.remember(nodeId, stored);
      return stored;
    }
    for (let candidate = this.freePort(); candidate !== undefined; candidate = this.freePort(candidate + 1)) {
      const gotPort = await this.call(['HSETNX', this.key, `port:${candidate}`, nodeId]);
      if (gotPort !== 1) {
        const owner = text(await this.call(['HGET', this.key, `port:${candidate}`]));
        // Ours already: an earlier attempt (or another replica) claimed it for this node.
        if (owner !== nodeId) {
          this.taken.add(candidate);
          continue;
        }
      }
      const gotNode = await this.call(['HSETNX', this.key, `node:${nodeId}`, String(candidate)]);
      if (gotNode === 1) {
        this.remember(nodeId, candidate);
        return candidate;
      }
      // Another replica gave this node a port first: that one is the node's, ours stays retired.
      this.taken.add(candidate);
      const winner = portNumber(await this.call(['HGET', this.key, `node:${nodeId}`]));
      if (winner === undefined)
        throw new PortTableError(`${this.key}: node:${nodeId} vanished during a claim`);
      this.remember(nodeId, winner);
      return winner;
    }
    throw new PortRangeFullError(nodeId, this.range);
  }

  /** The first read, retried while the store does not answer (not on permission errors). */
  private async firstLoad(): Promise<void> {
    const deadline = Date.now() + (this.options.firstLoadTimeoutMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.readAndRepair();
        return;
      } catch (error) {
        const fatal = error instanceof PortTableError && error.permanent;
        if (fatal || Date.now() + RETRY_MS > deadline) throw error;
        if (attempt === 1) this.log(`warning: port table ${this.key}: ${(error as Error).message}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** HGETALL, merged into the cache; cached rows missing from the store are written back. */
  private async readAndRepair(): Promise<void> {
    const reply = await this.call(['HGETALL', this.key]);
    const stored = new Map<string, number>();
    const ports = new Map<number, string>();
    for (const [field, value] of pairs(reply)) {
      if (field.startsWith('node:')) {
        const port = portNumber(value);
        if (port !== undefined) stored.set(field.slice(5), port);
      } else if (field.startsWith('port:')) {
        const port = portNumber(field.slice(5));
        if (port !== undefined) ports.set(port, text(value) ?? '');
      }
    }
    for (const port of ports.keys()) this.taken.add(port);
    for (const [nodeId, port] of stored) {
      const cached = this.byNode.get(nodeId);
      if (cached !== undefined && cached !== port) {
        // Only after the key was lost and rewritten by another replica: the live listener stays.
        this.log(
          `warning: port table ${this.key} says node ${nodeId} has port ${port}, this proxy serves it on ${cached}; keeping ${cached}`,
        );
        this.taken.add(port);
        continue;
      }
      this.remember(nodeId, port);
    }
    for (const [nodeId, port] of this.byNode) {
      if (stored.has(nodeId)) continue;
      // The store lost this row (FLUSHALL, eviction, a failover that lost a write): put it back,
      // port first, as a claim does, unless another node claimed that port meanwhile.
      if ((await this.call(['HSETNX', this.key, `port:${port}`, nodeId])) !== 1) {
        const owner = text(await this.call(['HGET', this.key, `port:${port}`]));
        if (owner !== nodeId) {
          this.log(
            `warning: port table ${this.key} lost node ${nodeId}'s row and gave port ${port} to ${owner}; this proxy keeps serving ${nodeId} there`,
          );
          continue;
        }
      }
      await this.call(['HSETNX', this.key, `node:${nodeId}`, String(port)]);
    }
  }

  /** One command; store failures become {@link PortTableError}s that say what to do. */
  private async call(args: readonly string[]): Promise<RespValue> {
    try {
      return await this.options.send(args);
    } catch (error) {
      const code = error instanceof SlotbridgeError ? error.code : 'error';
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = code === 'NOPERM' || code === 'NOAUTH' || code === 'WRONGTYPE';
      const hint =
        code === 'NOPERM'
          ? ` (the proxy's user needs +hgetall +hget +hsetnx on ~${this.key}, or use --port-table file:PATH)`
          : '';
      throw new PortTableError(`port table ${this.key}: ${args[0]} failed: ${reason}${hint}`, {
        cause: error,
        permanent,
      });
    }
  }
}

function text(value: RespValue): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number') return String(value);
  return undefined;
}

function portNumber(value: RespValue | string): number | undefined {
  const raw = typeof value === 'string' ? value : text(value);
  if (raw === undefined || !/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

/** HGETALL's reply as pairs: a flat array (RESP2) or a map (RESP3). */
function pairs(reply: RespValue): Array<[string, RespValue]> {
  const out: Array<[string, RespValue]> = [];
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const field = text(reply[i]);
      if (field !== undefined) out.push([field, reply[i + 1]]);
    }
  } else if (reply instanceof Map) {
    for (const [field, value] of reply) {
      const name = text(field);
      if (name !== undefined) out.push([name, value]);
    }
  }
  return out;
}
