/** A small hand-written argv parser: positionals, `--flag`, `--name value` and `--name=value`. */
import { UsageError } from './usage.js';

export type OptionKind = 'string' | 'boolean';

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/**
 * Parses `argv` against `spec` (option name without dashes → kind). `-h` and `--help` are always
 * accepted as `help`. Unknown options throw {@link UsageError}.
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionKind>>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      options.set('help', true);
      continue;
    }
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(`unknown option "${arg}"`);
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    const kind = spec[name];
    if (kind === undefined) {
      throw new UsageError(`unknown option "--${name}"`);
    }
    if (kind === 'boolean') {
      if (equals >= 0) {
        throw new UsageError(`option "--${name}" takes no value`);
      }
      options.set(name, true);
      continue;
    }
    if (equals >= 0) {
      options.set(name, arg.slice(equals + 1));
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`option "--${name}" needs a value`);
    }
    options.set(name, value);
    i++;
  }
  return { positionals, options };
}

/** Reads a TCP port option (1..65535), or undefined when absent. */
export function portOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.options.get(name);
  if (value === undefined) {
    return undefined;
  }
  const port = Number(value);
  if (value === true || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`option "--${name}" must be a port number between 1 and 65535, got "${value}"`);
  }
  return port;
}

/** Reads a string option, or undefined when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}
