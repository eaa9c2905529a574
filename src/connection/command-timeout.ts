/**
 * The one way a command's timeout is reported, wherever the command was when its deadline passed: in an
 * offline queue (a connection's, a cluster's during discovery, a sentinel's during a failover) or on a
 * connection (unwritten, awaiting its reply, behind earlier replies).
 */
import { CommandTimeoutError } from '../errors.js';
import type { RespArg } from '../resp/index.js';
import { commandName } from './command-arguments.js';
import type { TimeoutPhase } from './connection-health.js';
import { eventLoopStalls } from './event-loop-stall.js';

/** What the report needs of the command. */
export interface TimedCommand {
  readonly args: readonly RespArg[];
  readonly timeout: number;
  /** eventLoopStalls.total() when the command was issued. */
  readonly loopMark: number;
}

/**
 * `where` says where the command was (the phase in words), `address` names the server when there is one;
 * the message adds how long the event loop was blocked meanwhile (a blocked process is not the server's
 * fault) and `consequence` (e.g. `the connection is reset`).
 */
export function commandTimeoutError(
  command: TimedCommand,
  where: { phase: TimeoutPhase; repliesAhead: number; text: string; consequence?: string },
  address: string | undefined,
): CommandTimeoutError {
  const name = commandName(command.args);
  const blockedMs = Math.round(Math.max(0, eventLoopStalls.total() - command.loopMark));
  const blocked =
    blockedMs > 0
      ? `; the event loop was blocked for ${blockedMs} ms meanwhile` +
        (blockedMs * 2 >= command.timeout ? ' (the process, not the server, is the likely cause)' : '')
      : '; the event loop was not blocked';
  const to = address !== undefined ? ` to ${address}` : '';
  const consequence = where.consequence !== undefined ? `; ${where.consequence}` : '';
  return new CommandTimeoutError(
    `Command ${name}${to} timed out after ${command.timeout} ms: ${where.text}${blocked}${consequence}.`,
    {
      command: name,
      phase: where.phase,
      repliesAhead: where.repliesAhead,
      eventLoopBlockedMs: blockedMs,
      timeoutMs: command.timeout,
    },
    address,
  );
}
