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

/**
 * Takes over a command that failed (an error reply, a lost or closed connection, a timeout): what
 * `recover` returns settles it. A router passes one so that a command that may be redirected or sent
 * again costs no promise chained to it while it succeeds. Called a microtask after the failure, never
 * from inside the connection's own bookkeeping.
 */
export interface CommandRecovery {
  recover(error: Error): Promise<RespValue>;
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
  /** Takes over a failure instead of rejecting (see {@link CommandRecovery}). */
  recovery: CommandRecovery | undefined;
}

/** Rejects `command` with `error` (or hands it to its recovery), telling its listener first. */
export function failCommand(command: FailableCommand, error: Error): void {
  command.settled?.release();
  rejectCommand(command, error);
}

/** What {@link failCommand} needs of a command. */
export interface FailableCommand {
  reject(error: Error): void;
  readonly settled?: SettleListener | undefined;
  /** With `resolve`: a recovery settles the command (see {@link CommandRecovery}). */
  readonly recovery?: CommandRecovery | undefined;
  resolve?(value: RespValue): void;
}

/** Rejects `command`, or lets its recovery settle it a microtask later (the listener is not told here). */
export function rejectCommand(command: FailableCommand, error: Error): void {
  const recovery = command.recovery;
  const resolve = command.resolve;
  if (recovery === undefined || resolve === undefined) command.reject(error);
  // Resolving with the recovery's promise adopts its outcome.
  else queueMicrotask(() => resolve(recovery.recover(error) as unknown as RespValue));
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
    recovery: undefined,
  };
}

/** The delivery fact of a command, carried on the error that rejects it without a reply. */
export function deliveryOf(command: PendingCommand): Delivery {
  return { written: command.written, resends: command.attempts };
}
