import type { Connection, SendOptions } from '../../connection/index.js';
import { RedirectError, ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import type { StatefulConnections } from '../../topology/index.js';
import { abortError, DedicatedPool, type Lease } from './dedicated-pool.js';

/** Times a blocking command is sent again after the server said it did not run it (see {@link BlockingRunner}). */
const MAX_RESENDS = 8;
const RESEND_DELAY_MS = 200;

/**
 * Runs commands that hold their connection (blocking commands, isolated sections) on a per-node pool of
 * dedicated connections. An AbortSignal cancels a blocked command with `CLIENT UNBLOCK <id> ERROR` sent
 * on the node's shared connection; when the blocked connection's id is not known yet (or the server says
 * it was not blocked while the command is still pending), that connection is closed instead, so the
 * command rejects and the connection is never left waiting.
 *
 * Failover and resharding: a node's pool closes when the topology retires that node's shared connection.
 * A blocking command the server answered without running it is sent again on the key's current node —
 * MOVED/ASK (the slot moved: the topology learns the owner first), UNBLOCKED (a primary demoted during a
 * failover releases its blocked clients; checked with ROLE, so a CLIENT UNBLOCK ... ERROR sent by someone
 * else on a primary still rejects) and READONLY (sent to a demoted master before the client learnt
 * of the failover). Each resend waits the full server timeout again. A connection lost while the command
 * was blocked rejects it (ERR_CONNECTION_LOST): whether the server popped something is unknown.
 */
export class BlockingRunner {
  private readonly provider: StatefulConnections;
  private readonly max: number;
  private readonly pools = new Map<Connection, DedicatedPool>();

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
      // The topology retired this node's shared connection (failover, node gone): its pool goes too;
      // commands still running on it get their replies first.
      shared.once('end', () => {
        if (this.pools.get(shared) !== created) return;
        this.pools.delete(shared);
        created.close().catch(() => undefined);
      });
    }
    return { shared, pool };
  }

  async run(
    args: readonly RespArg[],
    options: SendOptions,
    signal: AbortSignal | undefined,
    key: RespArg | undefined,
  ): Promise<RespValue> {
    for (let resends = 0; ; resends++) {
      const { shared, pool } = await this.pool(key);
      const lease = await pool.acquire(signal);
      try {
        return await sendAbortable(shared, lease, args, options, signal);
      } catch (error) {
        if (!(error instanceof ReplyError) || resends >= MAX_RESENDS || signal?.aborted) throw error;
        if (error instanceof RedirectError) {
          if (this.provider.redirected === undefined) throw error;
          await this.provider.redirected(error);
        } else if (error.code === 'READONLY' || (error.code === 'UNBLOCKED' && (await demoted(lease)))) {
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
