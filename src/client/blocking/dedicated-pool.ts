import type { Connection } from '../../connection/index.js';
import { AbortError, ConnectionError, clientClosedError } from '../../errors.js';

/** A connection lent by a {@link DedicatedPool}, with the server's id for it (for CLIENT UNBLOCK). */
export interface Lease {
  readonly connection: Connection;
  /** CLIENT ID of the current socket; undefined until known (and again after a reconnect). */
  clientId: number | undefined;
}

/**
 * A pool was retired (its node no longer serves) while a caller waited for one of its connections
 * (`code` ERR_NODE_RETIRED). The blocking runner asks the topology again; it reaches the caller only when
 * the node kept changing.
 */
export class PoolRetiredError extends ConnectionError {
  constructor() {
    super(
      'ERR_NODE_RETIRED',
      'The node of this connection pool no longer serves the key; ask the topology again.',
    );
  }
}

interface Waiter {
  resolve: (lease: Lease) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Up to `max` connections of one node, each lent to one caller at a time: blocking commands and isolated
 * sections (WATCH/MULTI) run on them so they never hold up the shared connection. Connections are opened
 * on demand, kept open while idle, and closed with the pool; more callers than connections wait in order.
 */
export class DedicatedPool {
  private readonly open: () => Connection;
  private readonly max: number;
  private readonly idle: Lease[] = [];
  private readonly all = new Set<Lease>();
  private waiters: Waiter[] = [];
  private closed = false;
  private retired = false;

  constructor(open: () => Connection, max: number) {
    this.open = open;
    this.max = max;
  }

  /** Connections open (idle and lent). */
  get size(): number {
    return this.all.size;
  }

  /** Connections lent right now. */
  get inUse(): number {
    return this.all.size - this.idle.length;
  }

  acquire(signal?: AbortSignal): Promise<Lease> {
    if (signal?.aborted) return Promise.reject(abortError(signal, 'before a connection was free'));
    if (this.retired) return Promise.reject(new PoolRetiredError());
    if (this.closed) {
      return Promise.reject(
        clientClosedError('The client', 'quit() or disconnect() was called before the command was sent'),
      );
    }
    const idle = this.idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    if (this.all.size < this.max) return Promise.resolve(this.create());
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(abortError(signal as AbortSignal, 'while waiting for a free connection'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Connections lent right now. */
  lent(): Lease[] {
    return [...this.all].filter((lease) => !this.idle.includes(lease));
  }

  /** Gives a lease back; a closed connection is dropped and replaced for the next waiter. */
  release(lease: Lease): void {
    if (!this.all.has(lease)) return;
    const state = lease.connection.state;
    if (this.closed || state === 'closed' || state === 'closing') {
      this.all.delete(lease);
      if (this.closed) {
        lease.connection.quit().catch(() => undefined);
        return;
      }
      const waiter = this.waiters.shift();
      if (waiter !== undefined) this.handTo(waiter, this.create());
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter !== undefined) this.handTo(waiter, lease);
    else this.idle.push(lease);
  }

  /** Closes a lent connection at once (its pending command rejects) and drops it from the pool. */
  discard(lease: Lease): void {
    lease.connection.disconnect();
    this.release(lease);
  }

  /**
   * The pool's node no longer serves its keys (failover, node gone): idle connections close now, lent ones
   * when they are given back (their commands get their replies first); waiting callers reject with
   * {@link PoolRetiredError} so they can ask for the new node's pool.
   */
  retire(): void {
    this.closed = true;
    this.retired = true;
    this.rejectWaiters(new PoolRetiredError());
    for (const lease of this.idle.splice(0)) {
      this.all.delete(lease);
      lease.connection.quit().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.rejectWaiters();
    await Promise.all([...this.all].map((lease) => lease.connection.quit().catch(() => undefined)));
    this.all.clear();
    this.idle.length = 0;
  }

  disconnect(): void {
    this.closed = true;
    this.rejectWaiters();
    for (const lease of this.all) lease.connection.disconnect();
    this.all.clear();
    this.idle.length = 0;
  }

  private rejectWaiters(
    error: Error = clientClosedError(
      'The client',
      'quit() or disconnect() was called while the command waited for a free connection',
    ),
  ): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }

  private handTo(waiter: Waiter, lease: Lease): void {
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(lease);
  }

  private create(): Lease {
    const connection = this.open();
    const lease: Lease = { connection, clientId: undefined };
    connection.on('error', () => undefined);
    connection.on('reconnecting', () => {
      lease.clientId = undefined;
    });
    connection.on('ready', () => {
      // Sent from the ready handler, so it goes before anything queued while connecting.
      connection.send(['CLIENT', 'ID']).then(
        (id) => {
          lease.clientId = Number(id);
        },
        () => undefined,
      );
    });
    connection.on('end', () => {
      if (this.idle.includes(lease)) {
        this.idle.splice(this.idle.indexOf(lease), 1);
        this.all.delete(lease);
      }
    });
    this.all.add(lease);
    return lease;
  }
}

export function abortError(signal: AbortSignal, when: string): AbortError {
  return new AbortError(`The command was aborted ${when}.`, { cause: signal.reason });
}
