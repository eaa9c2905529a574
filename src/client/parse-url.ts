import { splitHostPort } from '../address/index.js';
import { ConfigError } from '../errors.js';
import type { ClientConfig, CommonOptions } from './config.js';

export { splitHostPort };

const STANDALONE_SCHEMES = new Set(['redis:', 'rediss:', 'valkey:', 'valkeys:']);
const CLUSTER_SCHEMES = new Set(['redis-cluster:', 'rediss-cluster:', 'valkey-cluster:', 'valkeys-cluster:']);
const SENTINEL_SCHEMES = new Set([
  'redis-sentinel:',
  'rediss-sentinel:',
  'valkey-sentinel:',
  'valkeys-sentinel:',
]);
const UNIX_SCHEMES = new Set(['unix:', 'redis+unix:', 'valkey+unix:']);

/** Query parameters a URL may carry, and the option each one sets. */
const QUERY_OPTIONS: Record<string, (config: Record<string, unknown>, value: string) => void> = {
  db: (c, v) => {
    c.db = parseInteger('url ?db', v);
  },
  clientName: (c, v) => {
    c.clientName = v;
  },
  name: (c, v) => {
    c.clientName = v;
  },
  protocol: (c, v) => {
    const protocol = parseInteger('url ?protocol', v);
    if (protocol !== 2 && protocol !== 3)
      throw new ConfigError('url ?protocol', `must be 2 or 3, got "${v}".`);
    c.protocol = protocol;
  },
  connectTimeout: (c, v) => {
    c.connectTimeout = parseInteger('url ?connectTimeout', v);
  },
  commandTimeout: (c, v) => {
    c.commandTimeout = parseInteger('url ?commandTimeout', v);
  },
  map: (c, v) => {
    const addresses = addressesOf(c) as { map?: Record<string, string> };
    addresses.map ??= {};
    const map = addresses.map;
    for (const pair of v.split(',')) {
      const [from, to] = pair.split('=');
      if (!from || !to)
        throw new ConfigError(
          'url ?map',
          `"${pair}" must be announced=reachable, e.g. 10.0.0.5:6379=localhost:30001.`,
        );
      map[from] = to;
    }
  },
  discover: (c, v) => {
    const colon = v.lastIndexOf(':');
    if (colon <= 0)
      throw new ConfigError('url ?discover', `"${v}" must be host:ports, e.g. localhost:30001-30006.`);
    const addresses = addressesOf(c) as { discover?: { host: string; ports: string } };
    addresses.discover = { host: v.slice(0, colon), ports: v.slice(colon + 1) };
  },
  // Handled by the scheme-specific code below; listed so they are not rejected as unknown.
  node: () => {},
  sentinelServiceName: () => {},
  sentinelUsername: () => {},
  sentinelPassword: () => {},
};

function addressesOf(config: Record<string, unknown>): Record<string, unknown> {
  config.addresses ??= {};
  return config.addresses as Record<string, unknown>;
}

/**
 * Parses a connection URL into a ClientConfig. Forms:
 * `redis://[user[:password]@]host[:port][/db]`, `rediss://` (TLS), `redis-cluster://h1:p1?node=h2:p2`,
 * `redis-sentinel://h1:p1?node=h2:p2&sentinelServiceName=mymaster`, `unix:///path?db=1` (or `redis+unix://`),
 * `valkey` schemes as aliases. Throws ConfigError naming what is wrong.
 */
export function parseRedisUrl(input: string): ClientConfig {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ConfigError(
      'url',
      `"${redact(input)}" is not a valid URL. Expected e.g. redis://localhost:6379/0, redis-cluster://h1:6379?node=h2:6379 ` +
        'or redis-sentinel://h1:26379?sentinelServiceName=mymaster.',
    );
  }
  const scheme = url.protocol;
  const config: Record<string, unknown> = {};
  const common = config as CommonOptions;
  if (url.username) common.username = decodeURIComponent(url.username);
  if (url.password) common.password = decodeURIComponent(url.password);
  for (const [key, value] of url.searchParams) {
    const apply = QUERY_OPTIONS[key];
    if (apply === undefined) {
      throw new ConfigError(
        `url ?${key}`,
        `unknown query parameter. Known: ${Object.keys(QUERY_OPTIONS).join(', ')}.`,
      );
    }
    apply(config, value);
  }
  const tls = scheme.startsWith('rediss') || scheme.startsWith('valkeys');
  if (tls) common.tls = true;

  if (UNIX_SCHEMES.has(scheme)) {
    const path = decodeURIComponent(url.pathname);
    if (!path || path === '/')
      throw new ConfigError('url', `"${redact(input)}" names no socket path (unix:///path/to/redis.sock).`);
    return { ...common, unix: path };
  }
  const hosts = [
    hostOf(url, scheme),
    ...url.searchParams.getAll('node').map((node) => validateHostPort(node)),
  ];
  if (STANDALONE_SCHEMES.has(scheme)) {
    if (url.searchParams.has('node')) {
      throw new ConfigError(
        'url ?node',
        'only cluster and sentinel URLs list several nodes; use redis-cluster:// or redis-sentinel://.',
      );
    }
    const db = dbFromPath(url.pathname);
    if (db !== undefined) common.db = db;
    const { host, port } = splitHostPort(hosts[0], 6379);
    return { ...common, host, port };
  }
  if (CLUSTER_SCHEMES.has(scheme)) {
    return { ...common, cluster: { hosts } };
  }
  if (SENTINEL_SCHEMES.has(scheme)) {
    const name = url.searchParams.get('sentinelServiceName');
    if (!name) {
      throw new ConfigError(
        'url ?sentinelServiceName',
        'a sentinel URL needs the master name, e.g. ?sentinelServiceName=mymaster.',
      );
    }
    const db = dbFromPath(url.pathname);
    if (db !== undefined) common.db = db;
    const sentinel: { hosts: string[]; name: string; username?: string; password?: string } = { hosts, name };
    const sentinelUsername = url.searchParams.get('sentinelUsername');
    const sentinelPassword = url.searchParams.get('sentinelPassword');
    if (sentinelUsername) sentinel.username = sentinelUsername;
    if (sentinelPassword) sentinel.password = sentinelPassword;
    return { ...common, sentinel };
  }
  throw new ConfigError(
    'url',
    `unsupported scheme "${scheme}". Use redis://, rediss://, redis-cluster://, redis-sentinel://, unix:// (valkey:// works too).`,
  );
}

function hostOf(url: URL, scheme: string): string {
  if (!url.hostname)
    throw new ConfigError('url', `"${scheme}//" needs a host, e.g. ${scheme}//localhost:6379.`);
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

function dbFromPath(pathname: string): number | undefined {
  const trimmed = pathname.replace(/^\/+/, '');
  if (trimmed === '') return undefined;
  return parseInteger('url path (database index)', trimmed);
}

function validateHostPort(value: string): string {
  splitHostPort(value, 6379);
  return value;
}

function parseInteger(field: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(field, `"${text}" is not a non-negative integer.`);
  return Number(text);
}

/** The URL with its password hidden, for error messages. */
export function redact(input: string): string {
  return input.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
