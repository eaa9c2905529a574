/**
 * The bound on what waits in one client (`maxPending`): commands queued + in flight, counted where they
 * enter the client and released when they settle. Without it a frozen or overloaded server lets an app
 * that keeps issuing commands grow the heap without limit (measured: 940 000 SETs, +1 GB in 8 s).
 * Past the limit a command rejects at once (ERR_PENDING_LIMIT) or, with `pendingOverflow: 'wait'`, waits
 * for room, bounded by `commandTimeout`.
 */

import { ConnectionError, TimeoutError } from '../errors.js';
import type { RespValue } from '../resp/index.js';

interface Waiter {
  admit: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  expired: boolean;
}

export class PendingLimit {
  /** Commands entered and not yet settled. */
  count = 0;
  private readonly waiters: Waiter[] = [];
  private waitHead = 0;

  constructor(
    readonly max: number,
    private readonly overflow: 'reject' | 'wait',
    private readonly waitTimeout: number,
  ) {}

  /** Whether a command may enter now (and counts it when so). */
  tryEnter(): boolean {
    if (this.count >= this.max) return false;
    this.count++;
    return true;
  }

  /** Whether commands beyond the limit wait for room (else they reject at once). */
  get waits(): boolean {
    return this.overflow === 'wait';
  }

  /** `sent`, releasing its slot when it settles (bound handlers: no closure per command). */
  settle(sent: Promise<RespValue>): Promise<RespValue> {
    return sent.then(this.releaseValue, this.releaseError);
  }

  /** The error for a command refused because the client holds `max` commands already. */
  fullError(): ConnectionError {
    return new ConnectionError(
      'ERR_PENDING_LIMIT',
      `The client already holds ${this.max} commands waiting for the server (maxPending=${this.max}): the ` +
        'server is not keeping up (frozen, overloaded or unreachable), and the command was not sent. Slow ' +
        "down, raise maxPending, or set pendingOverflow: 'wait' to wait for room instead.",
    );
  }

  private readonly releaseValue = (reply: RespValue): RespValue => {
    this.release();
    return reply;
  };

  private readonly releaseError = (error: unknown): never => {
    this.release();
    throw error;
  };

  /** Frees one slot: the oldest waiter takes it, else the count drops. */
  release(): void {
    // A waiter takes over the released slot directly, so the count never dips and a new caller cannot
    // overtake the ones already waiting.
    while (this.waitHead < this.waiters.length) {
      const waiter = this.waiters[this.waitHead] as Waiter;
      this.waiters[this.waitHead++] = undefined as unknown as Waiter;
      if (this.waitHead === this.waiters.length) {
        this.waiters.length = 0;
        this.waitHead = 0;
      }
      if (waiter.expired) continue; // rejected by its timeout already
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      waiter.admit();
      return;
    }
    this.count--;
  }

  /** Resolves once a slot is this caller's (counted already); rejects after `commandTimeout`. */
  waitForRoom(): Promise<void> {
    return new Promise<void>((admit, reject) => {
      const waiter: Waiter = { admit, reject, timer: undefined, expired: false };
      if (this.waitTimeout > 0) {
        waiter.timer = setTimeout(() => {
          waiter.expired = true;
          reject(
            new TimeoutError(
              `The command waited ${this.waitTimeout} ms (commandTimeout) for room under maxPending=${this.max} ` +
                'and was not sent: the server is not keeping up.',
            ),
          );
        }, this.waitTimeout);
      }
      this.waiters.push(waiter);
    });
  }
}
