import type { Availability } from '../commands/server-version.js';
import type { Delivery } from '../errors.js';
import type { RespArg, RespValue } from '../resp/index.js';
import type { PushConfirmation } from './pubsub-frames.js';

/**
 * Told once when a command settles, whichever way: how the client's `maxPending` count drops without a
 * promise chained to every command. One shared object (no allocation per command).
 */
export interface SettleListener {
  release(): void;
}

/** A command from send() until it settles: queued offline, waiting to be written, or awaiting its reply. */
export interface PendingCommand {
  args: readonly RespArg[];
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
  returnBuffers: boolean;
  retryable: boolean;
  /** Times it was sent again after a connection loss (counted when it is written again). */
  attempts: number;
  /** Handed to a socket at least once (here or, per `previous`, on an earlier connection). */
  written: boolean;
  /** Written, then lost with its connection and queued to be sent again: the next dispatch is a re-send. */
  lostInFlight: boolean;
  /** performance.now() deadline, 0 for none. */
  deadline: number;
  timeout: number;
  /** Handshake commands bypass the offline queue and are never retried. */
  internal: boolean;
  /** Set for subscribe-family commands: answered by confirmation frames, not by one reply. */
  push: PushConfirmation | undefined;
  availability: Availability | undefined;
  loopMark: number;
  /** Told when it settles (see {@link SettleListener}); internal commands have none. */
  settled: SettleListener | undefined;
}

/** Rejects `command` with `error`, telling its listener first. */
export function failCommand(
  command: { reject(error: Error): void; readonly settled?: SettleListener | undefined },
  error: Error,
): void {
  command.settled?.release();
  command.reject(error);
}

/** A command the connection sends for itself (handshake, health check, zone): no deadline, no retry. */
export function internalCommand(
  args: readonly RespArg[],
  resolve: (value: RespValue) => void,
  reject: (error: Error) => void,
): PendingCommand {
  return {
    args,
    resolve,
    reject,
    returnBuffers: false,
    retryable: false,
    attempts: 0,
    written: false,
    lostInFlight: false,
    deadline: 0,
    timeout: 0,
    internal: true,
    push: undefined,
    availability: undefined,
    loopMark: 0,
    settled: undefined,
  };
}

/** The delivery fact of a command, carried on the error that rejects it without a reply. */
export function deliveryOf(command: PendingCommand): Delivery {
  return { written: command.written, resends: command.attempts };
}
