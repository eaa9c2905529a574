/**
 * Which commands the proxy forwards. Derived from the command specifications: a command (or
 * subcommand) in the server's @admin or @dangerous ACL categories — flagged ADMIN, or naming either
 * category explicitly — is refused with a `-NOPERM` error that names the option allowing it, except for
 * the short list below of what ordinary clients need. Everything else is forwarded, including names the
 * specifications do not know (newer or module commands: the server refuses names it does not know).
 * A known container with a subcommand the specifications do not know is refused: a newer server's
 * administrative subcommand must not slip through.
 *
 * The check is one Map lookup on the command name (two for a container), made where the request parser
 * has already extracted the name; the denial text is built once per entry.
 */
import { COMMAND_FLAGS, COMMANDS, EXPLICIT_ADMIN_OR_DANGEROUS } from '../commands/generated/command-table.js';

/**
 * Commands in @admin/@dangerous that clients need through the proxy, and why each is safe there.
 * Keys are `name` or `container|sub`, lower case.
 */
export const CLIENT_NEEDS: ReadonlyMap<string, string> = new Map([
  ['info', 'health and topology checks; replication addresses and tcp_port are rewritten'],
  ['role', 'clients ask it to find primaries; addresses are rewritten'],
  ['cluster|replicas', 'topology; every address is rewritten'],
  ['cluster|slaves', 'topology; every address is rewritten'],
  ['keys', 'reads key names the client can already read (slow on big databases, like SCAN without a cursor)'],
  ['sort', 'a data command: it reads and writes only keys, like any other'],
  ['sort_ro', 'a data command: it reads only keys'],
  [
    'client|unblock',
    'clients cancel their own blocking call with it (the worst it does: wake a blocked call early)',
  ],
  ['sentinel|get-master-addr-by-name', 'what sentinel clients ask; the address is rewritten'],
  ['sentinel|get-primary-addr-by-name', 'what sentinel clients ask; the address is rewritten'],
  ['sentinel|master', 'sentinel clients read the master record; addresses are rewritten'],
  ['sentinel|primary', 'sentinel clients read the master record; addresses are rewritten'],
  ['sentinel|masters', 'sentinel clients list the masters; addresses are rewritten'],
  ['sentinel|primaries', 'sentinel clients list the masters; addresses are rewritten'],
  ['sentinel|replicas', 'sentinel clients find replicas; addresses are rewritten'],
  ['sentinel|slaves', 'sentinel clients find replicas; addresses are rewritten'],
  ['sentinel|sentinels', 'sentinel clients learn the other sentinels; addresses are rewritten'],
  ['sentinel|myid', 'an id, no address'],
]);

/**
 * Never forwarded, whatever the options: the replication protocol, whose stream cannot be paired with
 * requests (later replies would pass unrewritten). MONITOR (an @admin command) and CLIENT REPLY are
 * forwarded: the session follows them (see reply-walker.ts).
 */
export const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['sync', 'a replication stream'],
  ['psync', 'a replication stream'],
  ['replconf', 'replication protocol'],
]);

export interface CommandPolicyOptions {
  /** Forward every @admin/@dangerous command too (`--allow-admin`). */
  allowAdmin?: boolean;
  /** More commands to forward: `name`, `container|sub` or `container sub` (`--allow`). */
  allow?: readonly string[];
}

/** Normalises `CONFIG SET`, `config|set`, `Config|Set` to `config|set`. */
export function policyKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '|');
}

export class CommandPolicy {
  /** Top-level name → denial text, or null when forwarded. */
  private readonly commands = new Map<string, string | null>();
  /** Container → sub → denial text or null. */
  private readonly subcommands = new Map<string, Map<string, string | null>>();
  private readonly allowed: ReadonlySet<string>;
  private readonly allowAdmin: boolean;

  constructor(options: CommandPolicyOptions = {}) {
    this.allowAdmin = options.allowAdmin === true;
    this.allowed = new Set((options.allow ?? []).map(policyKey));
    const explicit = new Set(EXPLICIT_ADMIN_OR_DANGEROUS.map(policyKey));
    for (const raw of COMMANDS) {
      const key = policyKey(raw[0]);
      const restricted = (raw[2] & COMMAND_FLAGS.ADMIN) !== 0 || explicit.has(key);
      const bar = key.indexOf('|');
      if (bar < 0) {
        this.commands.set(key, this.verdict(key, restricted));
        continue;
      }
      const container = key.slice(0, bar);
      let subs = this.subcommands.get(container);
      if (subs === undefined) {
        subs = new Map();
        this.subcommands.set(container, subs);
      }
      subs.set(key.slice(bar + 1), this.verdict(key, restricted));
    }
    for (const container of this.subcommands.keys()) {
      // The container alone (no subcommand): the server answers with an arity error.
      this.commands.set(container, this.verdict(container, false));
    }
  }

  /** A container: its verdict depends on the subcommand. */
  isContainer(name: string): boolean {
    return this.subcommands.has(name);
  }

  /**
   * The denial text (without the leading `-`) for `name` (lower case) with `sub` (lower case, for a
   * container called with a subcommand), or null when it is forwarded.
   */
  check(name: string, sub: string | undefined): string | null {
    if (sub !== undefined) {
      const subs = this.subcommands.get(name);
      if (subs !== undefined) {
        const verdict = subs.get(sub);
        if (verdict !== undefined) return verdict;
        return this.unknownSub(name, sub);
      }
    }
    const verdict = this.commands.get(name);
    return verdict === undefined ? null : verdict;
  }

  private verdict(key: string, restricted: boolean): string | null {
    const container = key.includes('|') ? key.slice(0, key.indexOf('|')) : key;
    const unsupported = UNSUPPORTED.get(key) ?? UNSUPPORTED.get(container);
    if (unsupported !== undefined) {
      return `NOPERM slotbridge proxy does not forward '${key}': ${unsupported}`;
    }
    if (this.allowed.has(key) || this.allowed.has(container)) return null;
    if (!restricted || CLIENT_NEEDS.has(key)) return null;
    if (this.allowAdmin) return null;
    return (
      `NOPERM slotbridge proxy refuses '${key}' (@admin/@dangerous): ` +
      `start it with --allow ${key} (or --allow-admin) to forward it`
    );
  }

  private unknownSub(name: string, sub: string): string | null {
    if (sub === '') {
      // Longer than any subcommand, or with control/space/non-ASCII bytes: the server compares names up
      // to a NUL byte, so `set\0junk` could be taken for SET. Never forwarded.
      return `NOPERM slotbridge proxy refuses a '${name}' subcommand name with control, space or non-ASCII bytes, or longer than 32 bytes`;
    }
    const key = `${name}|${sub}`;
    if (this.allowed.has(key) || this.allowed.has(name) || this.allowAdmin) return null;
    return `NOPERM slotbridge proxy refuses '${key}': a subcommand it does not know; start it with --allow ${key} to forward it`;
  }
}
