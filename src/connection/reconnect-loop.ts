/**
 * The one reconnect loop: counts attempts since the last success, asks the {@link ReconnectPolicy} for
 * each delay, and builds the error when the policy gives up. A connection uses it to reopen its socket;
 * the sentinel topology uses the same one to find a master again (it re-asks the sentinels where the
 * master is before each reconnect, because after a failover the old address is the wrong one).
 */
import { ConnectionError } from '../errors.js';
import { type ReconnectPolicy, reconnectDelay } from './reconnect-policy.js';

/** Payload of the `reconnecting` event, the same on every topology. */
export interface ReconnectAttempt {
  /** 1-based attempt number since the last success. */
  readonly attempt: number;
  /** Ms before this attempt. */
  readonly delay: number;
  /** Why the previous attempt (or the connection) failed. */
  readonly error: Error;
}

export class ReconnectLoop {
  private attempts = 0;

  constructor(private readonly policy: ReconnectPolicy | false) {}

  /** Attempts made since the last success. */
  get attempt(): number {
    return this.attempts;
  }

  /** A connection succeeded: the next failure starts over from the first delay. */
  succeeded(): void {
    this.attempts = 0;
  }

  /** The next attempt after `error`, or undefined when the policy gives up (or reconnecting is off). */
  next(error: Error): ReconnectAttempt | undefined {
    this.attempts++;
    const delay = reconnectDelay(this.policy, this.attempts);
    if (delay === undefined) return undefined;
    return { attempt: this.attempts, delay, error };
  }

  /**
   * The failure to settle everything with once {@link next} gave up: the last error itself when
   * reconnecting is off, else ERR_RECONNECT_GAVE_UP naming `what` and the attempts made.
   */
  gaveUp(what: string, lastError: Error, address?: string): Error {
    if (this.policy === false) return lastError;
    return new ConnectionError(
      'ERR_RECONNECT_GAVE_UP',
      `Gave up ${what} after ${this.attempts - 1} attempt(s). Last error: ${lastError.message}`,
      address,
      { cause: lastError },
    );
  }
}
