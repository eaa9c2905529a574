/** Command names for messages, and the check that refuses a command the encoder cannot write. */
import { lookupCommand } from '../commands/command-table.js';
import { CommandRejectedError } from '../errors.js';
import type { RespArg } from '../resp/index.js';

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
