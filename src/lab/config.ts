/**
 * Renders redis.conf files for lab servers. Values are quoted so that paths with spaces survive;
 * shared by every topology (standalone now, cluster and sentinel later).
 */
import { writeFile } from 'node:fs/promises';

/** One config directive: a name and its arguments, or a raw line kept verbatim. */
export type ConfigLine = readonly [directive: string, ...values: string[]] | string;

/** Quotes a config value when it is empty or holds characters Redis would split on. */
export function quoteConfigValue(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_./:@+\-~&*>#<%=,!^]+$/.test(value)) {
    return value;
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Renders directives as redis.conf text. */
export function renderConfig(lines: readonly ConfigLine[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (typeof line === 'string') {
      out.push(line);
    } else {
      const [directive, ...values] = line;
      out.push([directive, ...values.map(quoteConfigValue)].join(' '));
    }
  }
  return `${out.join('\n')}\n`;
}

export interface BaseConfigOptions {
  port: number;
  bindAddresses: readonly string[];
  dir: string;
  logFile: string;
}

/** Directives every lab server shares: no persistence, no daemon, loopback only. */
export function baseServerConfig(options: BaseConfigOptions): ConfigLine[] {
  return [
    ['port', String(options.port)],
    ['bind', ...options.bindAddresses],
    ['protected-mode', 'no'],
    ['daemonize', 'no'],
    ['save', ''],
    ['appendonly', 'no'],
    ['dir', options.dir],
    ['logfile', options.logFile],
    ['loglevel', 'notice'],
  ];
}

/** Turns user-supplied extra config (a record or raw lines) into directives. */
export function extraConfigLines(args: Record<string, string> | readonly string[] | undefined): ConfigLine[] {
  if (args === undefined) {
    return [];
  }
  if (isStringArray(args)) {
    return [...args];
  }
  return Object.entries(args).map(([name, value]) => `${name} ${value}`);
}

function isStringArray(value: Record<string, string> | readonly string[]): value is readonly string[] {
  return Array.isArray(value);
}

/** Writes a config file. */
export async function writeConfigFile(file: string, lines: readonly ConfigLine[]): Promise<void> {
  await writeFile(file, renderConfig(lines), { mode: 0o600 });
}
