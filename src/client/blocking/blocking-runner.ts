import type { Connection, SendOptions } from '../../connection/index.js';
import { RedirectError, ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import {
  isTransientRefusal,
  refusalDelay,
  refusalMayMeanNewOwner,
  type StatefulConnections,
} from '../../topology/index.js';
import { abortError, DedicatedPool, type Lease, PoolRetiredError } from './dedicated-pool.js';

/** Times a blocking command is sent again after the server said it did not run it (see {@link BlockingRunner}). */
const MAX_RESENDS = 8;
/**
 * Transient refusals (CLUSTERDOWN during a failover, ...) ridden out per command: as many as a normal
 * command's redirects and retries (`maxRedirections`, 16 by default), with the same pauses.
 */
const MAX_REFUSALS = 16;
const RESEND_DELAY_MS = 200;

/**
 * Runs commands that hold their connection (blocking commands, isolated sections) on a per-node pool of
 * dedicated connections. An AbortSignal cancels a blocked command with `CLIENT UNBLOCK <id> ERROR` sent
 * on the node's shared connection; when the blocked connection's id is not known yet (or the server says
 * it was not blocked while the command is still pending), that connection is closed instead, so the
 * command rejects and the connection is never left waiting.
 *
 * Failover and resharding: when the topology retires a node's shared connection (failover, node gone),
 * that node's pool is retired: commands blocked on it are released with CLIENT UNBLOCK ... ERROR (a
 * command the server already served keeps its reply, so nothing popped is lost) and its connections close.
 * A blocking command the server answered without running it is sent again on the key's current node —
 * MOVED/ASK (the slot moved: the topology learns the owner first), a transient refusal (CLUSTERDOWN,
 * TRYAGAIN, LOADING, MASTERDOWN: after the same pause as normal commands), UNBLOCKED (released as above, or by a
 * primary demoted during a failover; checked with ROLE, so a CLIENT UNBLOCK ... ERROR sent by someone
 * else on a primary still rejects) and READONLY (sent to a demoted master before the client learnt
 * of the failover). Each resend waits the full server timeout again. A connection lost while the command
 * was blocked rejects it (ERR_CONNECTION_LOST): whether the server popped something is unknown.
 */
export class BlockingRunner {
  private readonly provider: StatefulConnections;
  private readonly max: number;
  private readonly pools = new Map<Connection, DedicatedPool>();
  /** Leases this runner released with CLIENT UNBLOCK because their node was retired. */
  private readonly rerouted = new WeakSet<Lease>();

  constructor(provider: StatefulConnections, max: number) {
    this.provider = provider;
    this.max = max;
  }

  /** The pool of the node that serves `key` (the primary when undefined). */
  async pool(key: RespArg | undefined): Promise<{ shared: Connection; pool: DedicatedPool }> {
    const shared = await this.provider.sharedConnection(key);
    let pool = this.pools.get(shared);
    if (pool === undefined) {
      const created = new DedicatedPool(() => this.provider.openConnectionLike(shared), this.max);
      pool = created;
      this.pools.set(shared, created);
      // The topology retired this node's shared connection (failover, node gone): its pool goes too.
      shared.once('end', () => {
        if (this.pools.get(shared) !== created) return;
        this.pools.delete(shared);
        this.unblockLent(shared, created);
        created.retire();
      });
    }
    return { shared, pool };
  }

  /** A connection of the node serving `key`, lent until {@link DedicatedPool.release}. */
  async lease(
    key: RespArg | undefined,
    signal?: AbortSignal,
  ): Promise<{ shared: Connection; pool: DedicatedPool; lease: Lease }> {
    for (let attempt = 0; ; attempt++) {
      const { shared, pool } = await this.pool(key);
      try {
        return { shared, pool, lease: await pool.acquire(signal) };
      } catch (error) {
        if (!(error instanceof PoolRetiredError) || attempt >= MAX_RESENDS) throw error;
      }
    }
  }

  /**
   * Releases the commands blocked on a retired node (CLIENT UNBLOCK ... ERROR from a short-lived connection
   * to it: its shared connection is gone), so that they are sent again to the key's new node.
   */
  private unblockLent(shared: Connection, pool: DedicatedPool): void {
    const blocked = pool.lent().filter((lease) => lease.clientId !== undefined);
    if (blocked.length === 0) return;
    for (const lease of blocked) this.rerouted.add(lease);
    const helper = this.provider.openConnectionLike(shared);
    helper.on('error', () => undefined);
    Promise.allSettled(
      blocked.map((lease) =>
        helper.send(['CLIENT', 'UNBLOCK', lease.clientId as number, 'ERROR'], { timeout: 2_000 }),
      ),
    ).finally(() => helper.quit().catch(() => undefined));
  }

  async run(
    args: readonly RespArg[],
    options: SendOptions,
    signal: AbortSignal | undefined,
    key: RespArg | undefined,
  ): Promise<RespValue> {
    let refusals = 0;
    for (let resends = 0; ; resends++) {
      const { shared, pool, lease } = await this.lease(key, signal);
      try {
        return await sendAbortable(shared, lease, args, options, signal);
      } catch (error) {
        if (!(error instanceof ReplyError) || signal?.aborted) throw error;
        if (isTransientRefusal(error)) {
          if (refusals >= MAX_REFUSALS) throw error;
          resends--;
          // Not run (the cluster is failing over, the node is loading): the same rule as every command.
          await new Promise((resolve) => setTimeout(resolve, refusalDelay(error, refusals++)));
          if (refusalMayMeanNewOwner(error)) await this.provider.refused?.(error);
          continue;
        }
        if (resends >= MAX_RESENDS) throw error;
        if (error instanceof RedirectError) {
          if (this.provider.redirected === undefined) throw error;
          await this.provider.redirected(error);
        } else if (
          error.code === 'READONLY' ||
          (error.code === 'UNBLOCKED' && (this.rerouted.has(lease) || (await demoted(lease))))
        ) {
          await new Promise((resolve) => setTimeout(resolve, RESEND_DELAY_MS * (resends + 1)));
        } else {
          throw error;
        }
      } finally {
        pool.release(lease);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }

  disconnect(): void {
    for (const pool of this.pools.values()) pool.disconnect();
    this.pools.clear();
  }
}

/** After an UNBLOCKED error: true when the node no longer says it is a master (it was demoted). */
async function demoted(lease: Lease): Promise<boolean> {
  const role = await lease.connection.send(['ROLE'], { timeout: 2_000 }).catch(() => undefined);
  return !(Array.isArray(role) && role[0] === 'master');
}

/**
 * Sends on a lent connection; if `signal` aborts while the server holds the command, unblocks it from the
 * shared connection. A reply that already arrived wins over a late abort (a popped element is never lost).
 */
export async function sendAbortable(
  shared: Connection,
  lease: Lease,
  args: readonly RespArg[],
  options: SendOptions,
  signal: AbortSignal | undefined,
): Promise<RespValue> {
  if (signal === undefined) return lease.connection.send(args, options);
  if (signal.aborted) throw abortError(signal, 'before it was sent');
  let aborted = false;
  let settled = false;
  const onAbort = () => {
    aborted = true;
    const id = lease.clientId;
    if (id === undefined) {
      lease.connection.disconnect();
      return;
    }
    shared.send(['CLIENT', 'UNBLOCK', id, 'ERROR']).then(
      (unblocked) => {
        // 0: not blocked (yet). The command may still reach the server and wait: close its connection.
        if (unblocked !== 1 && !settled) lease.connection.disconnect();
      },
      () => lease.connection.disconnect(),
    );
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await lease.connection.send(args, options);
  } catch (error) {
    if (aborted && (!(error instanceof ReplyError) || error.code === 'UNBLOCKED')) {
      throw abortError(signal, 'while the server held it');
    }
    throw error;
  } finally {
    settled = true;
    signal.removeEventListener('abort', onAbort);
  }
}
