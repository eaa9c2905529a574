/** The range the proxy's per-node ports come from (the table itself: port-table.ts). */
import { ConfigError } from '../errors.js';

export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Parses `31000-31099` (or a single port). Throws {@link ConfigError} naming `field`. */
export function parsePortRange(text: string, field = 'ports'): PortRange {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (match === null) throw new ConfigError(field, `expected FIRST-LAST (e.g. 31000-31099), got "${text}"`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (first < 1 || last > 65_535 || first > last) {
    throw new ConfigError(field, `"${text}" is not a range of ports between 1 and 65535, low to high`);
  }
  return { first, last };
}
