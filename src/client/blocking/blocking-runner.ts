import type { Connection, SendOptions } from '../../connection/index.js';
import { ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import type { StatefulConnections } from '../../topology/index.js';
import { abortError, DedicatedPool, type Lease } from './dedicated-pool.js';

/**
 * Runs commands that hold their connection (blocking commands, isolated sections) on a per-node pool of
 * dedicated connections. An AbortSignal cancels a blocked command with `CLIENT UNBLOCK <id> ERROR` sent
 * on the node's shared connection; when the blocked connection's id is not known yet (or the server says
 * it was not blocked while the command is still pending), that connection is closed instead, so the
 * command rejects and the connection is never left waiting.
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
      pool = new DedicatedPool(() => this.provider.openConnectionLike(shared), this.max);
      this.pools.set(shared, pool);
    }
    return { shared, pool };
  }

  async run(
    args: readonly RespArg[],
    options: SendOptions,
    signal: AbortSignal | undefined,
    key: RespArg | undefined,
  ): Promise<RespValue> {
    const { shared, pool } = await this.pool(key);
    const lease = await pool.acquire(signal);
    try {
      return await sendAbortable(shared, lease, args, options, signal);
    } finally {
      pool.release(lease);
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
