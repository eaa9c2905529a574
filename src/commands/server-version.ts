/**
 * Server versions as the specs write them ("7.0.0") and as HELLO / INFO report them ("7.0.15").
 * Compared without allocating: this runs once per typed command sent.
 */

/** Negative when `a` < `b`, 0 when equal, positive when `a` > `b` (major.minor.patch; missing parts are 0). */
export function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (let part = 0; part < 3; part++) {
    let x = 0;
    let y = 0;
    while (i < a.length && a.charCodeAt(i) !== 46) x = x * 10 + (a.charCodeAt(i++) - 48);
    while (j < b.length && b.charCodeAt(j) !== 46) y = y * 10 + (b.charCodeAt(j++) - 48);
    i++;
    j++;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Server flavors the command table knows: Redis, and Valkey (forked from Redis 7.2.4). */
export type ServerFlavor = 'redis' | 'valkey';

/**
 * Which servers have a command: the first version of each flavor that has it, or null when no version of
 * that flavor up to {@link NEWEST_KNOWN} has it.
 */
export interface Availability {
  readonly redis: string | null;
  readonly valkey: string | null;
  /** Only a Sentinel (a server in `sentinel` mode) has it: the SENTINEL subcommands. */
  readonly sentinel?: true;
}

/** The Redis version Valkey forked from: every Valkey has the commands of Redis up to this version. */
export const VALKEY_FORK_POINT = '7.2.4';

/**
 * The newest version of each flavor whose command set the table describes (Redis 7.4, Valkey 8.0). A
 * command missing from a flavor is refused only up to this version: a newer server may have gained it,
 * so it gets the command and answers for itself.
 */
export const NEWEST_KNOWN: Readonly<Record<ServerFlavor, string>> = { redis: '7.4.99', valkey: '8.0.99' };

/**
 * Availability of a command from the specs' `since` (a Redis version): in Redis from that version, and in
 * every Valkey when Redis had it by the fork point.
 */
export function availabilityOf(since: string | Availability): Availability {
  if (typeof since !== 'string') return since;
  return { redis: since, valkey: compareVersions(since, VALKEY_FORK_POINT) <= 0 ? VALKEY_FORK_POINT : null };
}

/**
 * What a server of this flavor and version lacks to run a command with this availability: the requirement
 * as text ("Redis >= 7.4.0"), or undefined when the server has it (or is newer than the table knows).
 */
export function missingRequirement(
  availability: Availability,
  flavor: ServerFlavor,
  version: string,
  mode?: string,
): string | undefined {
  if (availability.sentinel === true && mode !== undefined && mode !== 'sentinel') {
    return describeAvailability(availability);
  }
  const since = availability[flavor];
  if (since === null) {
    if (compareVersions(version, NEWEST_KNOWN[flavor]) > 0) return undefined;
    return describeAvailability(availability);
  }
  return compareVersions(version, since) < 0 ? describeAvailability(availability) : undefined;
}

/** "Redis >= 7.4.0", "Valkey >= 8.0.0", "Redis >= 7.0.0 or Valkey". */
export function describeAvailability(availability: Availability): string {
  const parts: string[] = [];
  if (availability.redis !== null) parts.push(`Redis >= ${availability.redis}`);
  if (availability.valkey !== null) {
    parts.push(availability.valkey === VALKEY_FORK_POINT ? 'Valkey' : `Valkey >= ${availability.valkey}`);
  }
  const servers = parts.length === 0 ? 'a server newer than this client knows' : parts.join(' or ');
  return availability.sentinel === true ? `a Sentinel (${servers})` : servers;
}

/** Display name of a flavor. */
export function flavorName(flavor: ServerFlavor): string {
  return flavor === 'valkey' ? 'Valkey' : 'Redis';
}
