import type { SendOptions } from '../../connection/index.js';
import type { Delivery } from '../../errors.js';
import type { RespArg, RespValue } from '../../resp/index.js';

/** A command the topology owns until it is answered: it may move from one master connection to the next. */
export interface PendingCommand {
  readonly args: readonly RespArg[];
  readonly options: SendOptions;
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
  /** performance.now() deadline, 0 for none. */
  readonly deadline: number;
  readonly timeout: number;
  /** eventLoopStalls.total() when it was issued, for the queued-timeout message. */
  readonly loopMark: number;
  /** Times a server refused it without running it (READONLY, LOADING) and it was routed again. */
  refusals: number;
  /** What the connections it was sent on did with it, from the last failure (undefined before any). */
  delivery: Delivery | undefined;
}

/** Milliseconds left before the command's deadline (0 when it has none), at least 1. */
export function remainingTimeout(command: PendingCommand): number {
  if (command.deadline === 0) return 0;
  return Math.max(1, Math.ceil(command.deadline - performance.now()));
}
