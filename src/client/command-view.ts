import {
  type AsyncCommandMethods,
  type CommandDefinition,
  installCommands,
} from '../commands/command-definition.js';
import { type ClientCommands, clientCommands } from '../commands/command-set.js';
import type { Availability } from '../commands/server-version.js';
import type { RespArg, RespValue } from '../resp/index.js';

/** Per-call options accepted by sendCommand and withOptions. */
export interface CommandOptions {
  /** Timeout in ms for this command (0: none), overriding `commandTimeout` (and a blocking command's own). */
  timeout?: number;
  /** Return bulk strings of this reply as Buffers. */
  returnBuffers?: boolean;
  /** Allow re-sending after a connection drop even if the command is not read-only. */
  retryable?: boolean;
  /**
   * Which servers have the command: rejected (UnsupportedCommandError) instead of sent when the server's
   * flavor or version lacks it. Typed methods set it from the command table.
   */
  availability?: Availability;
  /**
   * Cancels the command: before it is sent it is not sent; a blocking command the server is holding is
   * unblocked (CLIENT UNBLOCK). Either way the promise rejects with an AbortError (code ERR_ABORTED).
   * A non-blocking command already sent cannot be recalled: its reply is awaited as usual.
   */
  signal?: AbortSignal;
}

/** Something that sends commands with options: a client, or an isolated connection. */
export interface CommandTarget {
  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue>;
}

/**
 * The typed methods of a client with fixed per-call options:
 *
 * ```ts
 * const item = await client.withOptions({ signal: AbortSignal.timeout(5000) }).blpop('jobs', 0);
 * ```
 */
export class CommandView {
  private readonly target: CommandTarget;
  private readonly options: CommandOptions;

  constructor(target: CommandTarget, options: CommandOptions) {
    this.target = target;
    this.options = options;
  }

  /** Sends any command with this view's options. */
  call(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.target.sendCommand([command, ...args], this.options);
  }

  /** @internal */
  runCommand(definition: CommandDefinition, args: unknown[]): Promise<unknown> {
    const sent = this.target.sendCommand(definition.encode(...args), this.options);
    const transform = definition.transform;
    const buffers = this.options.returnBuffers === true;
    return transform === undefined ? sent : sent.then((reply) => transform(reply, buffers));
  }
}

export interface CommandView extends AsyncCommandMethods<ClientCommands> {}

installCommands<CommandView>(CommandView.prototype, clientCommands, function (definition, args) {
  return this.runCommand(definition, args);
});
