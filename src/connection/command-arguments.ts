/**
 * Command names for messages, the check that refuses a command the encoder cannot write, and the one that
 * refuses a command the server (its flavor or version) does not have.
 */
import { lookupCommand } from '../commands/command-table.js';
import { type Availability, missingRequirement } from '../commands/server-version.js';
import { CommandRejectedError, UnsupportedCommandError } from '../errors.js';
import type { RespArg } from '../resp/index.js';
import type { ServerInfo } from './server-info.js';

/** `CLIENT NO-EVICT`-style name of a command and its subcommand, for messages. */
export function commandLabel(args: readonly RespArg[]): string {
  return lookupCommand(args)?.name ?? commandName(args);
}

export function commandName(args: readonly RespArg[]): string {
  const first = args[0];
  return typeof first === 'string' ? first.toUpperCase() : String(first);
}

/**
 * A command the encoder cannot write (empty, or an argument that is not a string, Buffer, number or
 * bigint) is refused before it is queued, so a bad call rejects instead of breaking the write path.
 */
export function invalidArgument(args: readonly RespArg[]): CommandRejectedError | undefined {
  if (!Array.isArray(args) || args.length === 0) {
    return new CommandRejectedError(
      'ERR_INVALID_ARGUMENT',
      'A command needs at least its name; nothing was sent.',
    );
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const type = typeof arg;
    if (type === 'string' || type === 'number' || type === 'bigint' || Buffer.isBuffer(arg)) {
      if (type === 'number' && !Number.isFinite(arg as number)) {
        return new CommandRejectedError(
          'ERR_INVALID_ARGUMENT',
          `Argument ${i} of ${commandName(args)} is ${String(arg)}: numbers must be finite. Nothing was sent.`,
        );
      }
      continue;
    }
    const what =
      arg === null ? 'null' : Array.isArray(arg) ? 'an array' : type === 'object' ? 'an object' : type;
    return new CommandRejectedError(
      'ERR_INVALID_ARGUMENT',
      `Argument ${i} of ${commandName(args)} is ${what}; pass strings, Buffers, numbers or bigints ` +
        '(spread arrays, serialize objects). Nothing was sent.',
    );
  }
  return undefined;
}

/** The error for a command this server lacks (learned in the handshake), or undefined when it has it. */
export function unsupportedOn(
  server: ServerInfo | undefined,
  args: readonly RespArg[],
  availability: Availability | undefined,
  address: string,
): UnsupportedCommandError | undefined {
  if (availability === undefined || server === undefined) return undefined;
  const needs = missingRequirement(availability, server.flavor, server.version, server.mode);
  if (needs === undefined) return undefined;
  const details = {
    needs,
    since: availability[server.flavor],
    flavor: server.flavor,
    serverVersion: server.version,
  };
  return new UnsupportedCommandError(commandLabel(args), details, address);
}
