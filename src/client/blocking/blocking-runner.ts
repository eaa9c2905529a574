import type { Connection, SendOptions } from '../../connection/index.js';
import { type RedirectError, ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import {
  followRoute,
  judgePinned,
  pinnedBudget,
  pinnedExhausted,
  type StatefulConnections,
} from '../../topology/index.js';
import { blockingPlan, withServerTimeout } from './blocking-plan.js';
import { abortError, DedicatedPool, type Lease, PoolRetiredError } from './dedicated-pool.js';

/** Pause before sending again a command released by a failover (UNBLOCKED), as after READONLY. */
const RESEND_DELAY_MS = 200;
const ASKING: readonly RespArg[] = ['ASKING'];

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
 * A blocking command the server answered without running it is sent again through the one loop
 * (topology/router.ts), with the topology's budget (`maxRedirections`): on the key's current node after
 * MOVED, READONLY or a transient refusal; on the importing node, ASKING first, after ASK (a slot half
 * migrated); after UNBLOCKED when released as above or by a primary demoted during a failover (checked
 * with ROLE, so a CLIENT UNBLOCK ... ERROR sent by someone else on a primary still rejects). Each resend
 * carries the time left of its server timeout. A connection lost while the command was blocked rejects it
 * (ERR_CONNECTION_LOST): whether the server popped something is unknown.
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
    return this.poolFor(await this.provider.sharedConnection(key));
  }

  private poolFor(shared: Connection): { shared: Connection; pool: DedicatedPool } {
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

  /** A connection of the node serving `key` (or the node an ASK names), lent until {@link DedicatedPool.release}. */
  async lease(
    key: RespArg | undefined,
    signal?: AbortSignal,
    ask?: RedirectError,
  ): Promise<{ shared: Connection; pool: DedicatedPool; lease: Lease }> {
    for (let tries = pinnedBudget(this.provider).redirects; ; tries--) {
      const { shared, pool } =
        ask !== undefined && this.provider.askConnection !== undefined
          ? this.poolFor(await this.provider.askConnection(ask))
          : await this.pool(key);
      try {
        return { shared, pool, lease: await pool.acquire(signal) };
      } catch (error) {
        // Retired between finding it and leasing from it (failover): the node's successor.
        if (!(error instanceof PoolRetiredError) || tries <= 0) throw error;
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

  /**
   * Runs a blocking command on a dedicated connection of `key`'s node, sent again through the one loop
   * (router.ts) when the server answered without running it; each resend carries the time left.
   */
  run(
    args: readonly RespArg[],
    options: SendOptions,
    signal: AbortSignal | undefined,
    key: RespArg | undefined,
  ): Promise<RespValue> {
    const started = performance.now();
    const serverTimeout = blockingPlan(args)?.serverTimeout ?? 0;
    const budget = pinnedBudget(this.provider, options.timeout);
    /** The last failure was an UNBLOCKED from a failover (not someone's CLIENT UNBLOCK). */
    let releasedByFailover = false;
    return followRoute<RespValue>(
      {
        send: async (ask) => {
          const elapsed = performance.now() - started;
          const resent = budget.tries > 0;
          const { shared, pool, lease } = await this.lease(key, signal, ask);
          try {
            // ASKING and the command in one write: the flag holds for the next command only.
            if (ask !== undefined) lease.connection.send(ASKING).catch(() => undefined);
            const sendArgs =
              resent && serverTimeout > 0 ? withServerTimeout(args, serverTimeout - elapsed) : args;
            const sendOptions =
              resent && options.timeout !== undefined && options.timeout > 0
                ? { ...options, timeout: Math.max(1, Math.ceil(options.timeout - elapsed)) }
                : options;
            return await sendAbortable(shared, lease, sendArgs, sendOptions, signal);
          } catch (error) {
            releasedByFailover =
              error instanceof ReplyError &&
              error.code === 'UNBLOCKED' &&
              !signal?.aborted &&
              (this.rerouted.has(lease) || (await demoted(lease)));
            throw error;
          } finally {
            pool.release(lease);
          }
        },
        judge: (error, current) => {
          if (!(error instanceof ReplyError) || signal?.aborted) return { kind: 'fail' };
          if (error.code === 'UNBLOCKED') {
            return releasedByFailover ? { kind: 'wait', ms: RESEND_DELAY_MS } : { kind: 'fail' };
          }
          return judgePinned(this.provider, error, current);
        },
        exhausted: (last) => pinnedExhausted(this.provider, args[0], last),
      },
      budget,
    );
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
