import type { SendOptions } from '../../connection/index.js';
import { eventLoopStalls } from '../../connection/index.js';
import { CommandTimeoutError, ConnectionError } from '../../errors.js';
import type { RespArg, RespValue } from '../../resp/index.js';

/** A command the topology owns until it is answered: it may move from one master connection to the next. */
export interface PendingCommand {
  args: readonly RespArg[];
  options: SendOptions;
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
  /** performance.now() deadline, 0 for none. */
  deadline: number;
  timeout: number;
  /** Times it was put back in the queue after a connection loss or a READONLY refusal. */
  requeues: number;
}

/** Milliseconds left before the command's deadline (0 when it has none), at least 1. */
export function remainingTimeout(command: PendingCommand): number {
  if (command.deadline === 0) return 0;
  return Math.max(1, Math.ceil(command.deadline - performance.now()));
}

export function commandName(args: readonly RespArg[]): string {
  const first = args[0];
  return typeof first === 'string' ? first.toUpperCase() : String(first);
}

/**
 * Commands waiting for a master (before the first discovery, during a failover): bounded, and swept
 * every 100 ms so each one times out at its own deadline.
 */
export class PendingQueue {
  private items: PendingCommand[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** eventLoopStalls.total() when each command first entered the queue (kept across requeues). */
  private readonly loopMarks = new WeakMap<PendingCommand, number>();

  constructor(
    private readonly limit: number,
    private readonly describeWait: () => string,
  ) {}

  get length(): number {
    return this.items.length;
  }

  /** Queues a command, or rejects it at once when the queue is full. */
  push(command: PendingCommand, front = false): void {
    if (!front && this.items.length >= this.limit) {
      command.reject(
        new ConnectionError(
          'ERR_QUEUE_FULL',
          `${this.describeWait()}; the offline queue is full (maxOfflineQueue=${this.limit}) and command ` +
            `${commandName(command.args)} was not sent. Wait for connect() or raise maxOfflineQueue.`,
        ),
      );
      return;
    }
    if (front) this.items.unshift(command);
    else this.items.push(command);
    if (!this.loopMarks.has(command)) this.loopMarks.set(command, eventLoopStalls.total());
    if (this.timer === undefined) {
      eventLoopStalls.acquire();
      this.timer = setInterval(() => this.sweep(), 100);
      this.timer.unref();
    }
  }

  /** Removes and returns every queued command, oldest first. */
  drain(): PendingCommand[] {
    const items = this.items;
    this.items = [];
    this.stopTimer();
    return items;
  }

  /** Rejects every queued command with `error`. */
  rejectAll(error: Error): void {
    for (const command of this.drain()) command.reject(error);
  }

  private sweep(): void {
    const now = performance.now();
    this.items = this.items.filter((command) => {
      if (command.deadline === 0 || command.deadline > now) return true;
      const blocked = Math.round(Math.max(0, eventLoopStalls.total() - (this.loopMarks.get(command) ?? 0)));
      command.reject(
        new CommandTimeoutError(
          `Command ${commandName(command.args)} timed out after ${command.timeout} ms: ${this.describeWait()}` +
            ` (queued, never sent; the event loop was ${blocked > 0 ? `blocked for ${blocked} ms meanwhile` : 'not blocked'}).`,
          {
            command: commandName(command.args),
            phase: 'queued',
            repliesAhead: 0,
            eventLoopBlockedMs: blocked,
            timeoutMs: command.timeout,
          },
        ),
      );
      return false;
    });
    if (this.items.length === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) eventLoopStalls.release();
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
