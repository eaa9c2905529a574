/**
 * The one offline queue: commands accepted while nothing can send them yet (a connection connecting or
 * reconnecting, a cluster being discovered, a sentinel master being found or failed over). Bounded
 * (`ERR_QUEUE_FULL` beyond the limit) and with deadlines: each command times out at its own deadline
 * (`CommandTimeoutError`, phase `queued`), from one timer armed for the earliest one.
 */
import type { CommandTimeoutError } from '../errors.js';
import { ConnectionError } from '../errors.js';
import type { RespArg } from '../resp/index.js';
import { commandName } from './command-arguments.js';
import { CommandQueue } from './command-queue.js';
import { commandTimeoutError } from './command-timeout.js';
import { eventLoopStalls } from './event-loop-stall.js';
import { failCommand, type SettleListener } from './pending-command.js';

/** What the queue needs of a command. */
export interface QueuedCommand {
  readonly args: readonly RespArg[];
  /** performance.now() deadline, 0 for none. */
  readonly deadline: number;
  /** The command's timeout in ms (for the message). */
  readonly timeout: number;
  /** eventLoopStalls.total() when the command was issued (0 when it has no deadline). */
  readonly loopMark: number;
  reject(error: Error): void;
  /** Told when it settles (the client's maxPending count), when the command carries one. */
  readonly settled?: SettleListener | undefined;
}

/** How the owner of a queue names what its commands wait for, in errors. */
export interface QueueOwner {
  /** `host:port` of the server concerned, when there is one. */
  readonly address?: string | undefined;
  /** Limit on queued commands (maxOfflineQueue). */
  readonly limit: number;
  /** Why commands wait, e.g. `queued while waiting for the connection (it was connecting; never sent)`. */
  waiting(): string;
  /** Who holds the queue, e.g. `Connection to 127.0.0.1:6379` or `The cluster client`. */
  holder(): string;
}

export class OfflineQueue<T extends QueuedCommand> {
  private readonly items = new CommandQueue<T>();
  private timer: NodeJS.Timeout | undefined;
  private timerDeadline = Number.POSITIVE_INFINITY;
  private readonly onTimerBound = () => this.onTimer();

  constructor(private readonly owner: QueueOwner) {}

  get length(): number {
    return this.items.length;
  }

  /** Queues a command; when the queue is full it is rejected at once (ERR_QUEUE_FULL) and false returned. */
  push(command: T): boolean {
    if (this.items.length >= this.owner.limit) {
      failCommand(command, this.fullError(command));
      return false;
    }
    this.items.push(command);
    if (command.deadline > 0) this.arm(command.deadline);
    return true;
  }

  /** Puts commands back at the front, oldest first, whatever the limit (they were accepted before). */
  requeueFront(commands: readonly T[]): void {
    if (commands.length === 0) return;
    this.items.unshiftAll(commands);
    for (const command of commands) if (command.deadline > 0) this.arm(command.deadline);
  }

  /** Removes and returns every queued command, oldest first. */
  drain(): T[] {
    this.disarm();
    return this.items.drain();
  }

  forEach(fn: (command: T) => void): void {
    this.items.forEach(fn);
  }

  /** Rejects every queued command with the error `errorFor` gives for it. */
  rejectAll(errorFor: (command: T) => Error): void {
    for (const command of this.drain()) failCommand(command, errorFor(command));
  }

  private fullError(command: T): ConnectionError {
    return new ConnectionError(
      'ERR_QUEUE_FULL',
      `${this.owner.holder()} cannot send yet and its offline queue is full (maxOfflineQueue=${this.owner.limit}); ` +
        `command ${commandName(command.args)} was not sent. Wait for the client (await connect()) or raise maxOfflineQueue.`,
      this.owner.address,
    );
  }

  private arm(deadline: number): void {
    if (deadline >= this.timerDeadline) return;
    if (this.timer === undefined) eventLoopStalls.acquire();
    clearTimeout(this.timer);
    this.timerDeadline = deadline;
    this.timer = setTimeout(this.onTimerBound, Math.max(0, Math.ceil(deadline - performance.now())));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDeadline = Number.POSITIVE_INFINITY;
    eventLoopStalls.release();
  }

  private onTimer(): void {
    this.disarm();
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: T[] = [];
    this.items.removeWhere((command) => {
      if (command.deadline > 0 && command.deadline <= now) {
        expired.push(command);
        return true;
      }
      if (command.deadline > 0 && command.deadline < next) next = command.deadline;
      return false;
    });
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    for (const command of expired) failCommand(command, this.timeoutError(command));
  }

  private timeoutError(command: T): CommandTimeoutError {
    return commandTimeoutError(
      command,
      { phase: 'queued', repliesAhead: 0, text: this.owner.waiting() },
      this.owner.address,
    );
  }
}
