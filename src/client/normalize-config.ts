import { CLUSTER_DEFAULTS, CONNECTION_DEFAULTS, SENTINEL_DEFAULTS } from '../defaults.js';
import { ConfigError } from '../errors.js';
import { ADDRESS_KEYS, COMMON_KEYS, resolveCommon } from './common-options.js';
import type {
  ClientConfig,
  HostAddress,
  ResolvedCommonOptions,
  ResolvedConfig,
  ResolvedHost,
} from './config.js';
import { describe, requireBoolean, requireInteger, requireString, requireTls } from './config-checks.js';
import { parseRedisUrl, splitHostPort } from './parse-url.js';
import { validateReadFrom } from './read-from-option.js';

export { ADDRESS_KEYS, COMMON_KEYS };
export const TOPOLOGY_KEYS = ['host', 'port', 'unix', 'cluster', 'sentinel'] as const;
export const SENTINEL_KEYS = new Set([
  'hosts',
  'name',
  'username',
  'password',
  'credentials',
  'tls',
  'readFrom',
]);
export const CLUSTER_KEYS = new Set([
  'hosts',
  'readFrom',
  'maxRedirections',
  'refreshInterval',
  'preferHostname',
  'splitMultiSlotWrites',
]);
const KNOWN_KEYS = new Set<string>([...COMMON_KEYS, ...TOPOLOGY_KEYS, 'url']);

/** The URL used when createClient() gets no argument and REDIS_URL is not set. */
export const DEFAULT_URL = 'redis://127.0.0.1:6379';

/**
 * Validates a URL or config object (eagerly: every mistake is reported at createClient, naming the
 * option and the fix), makes the topology explicit and fills every default (src/defaults.ts). The result
 * is frozen: the one configuration the client and every layer below it read. With no input: REDIS_URL,
 * else the default URL.
 */
export function normalizeConfig(
  input?: string | ClientConfig,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  if (input === undefined) input = env.REDIS_URL && env.REDIS_URL.trim() !== '' ? env.REDIS_URL : DEFAULT_URL;
  if (typeof input === 'string') return fromObject(parseRedisUrl(input));
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError('config', `expected a URL string or a config object, got ${describe(input)}.`);
  }
  const { url, ...explicit } = input as ClientConfig & Record<string, unknown>;
  for (const key of Object.keys(explicit)) {
    if (!KNOWN_KEYS.has(key)) throw new ConfigError(key, `unknown option.${suggest(key)}`);
  }
  if (url !== undefined) {
    if (typeof url !== 'string') throw new ConfigError('url', `must be a string, got ${describe(url)}.`);
    const fromUrl = parseRedisUrl(url) as Record<string, unknown>;
    // Explicit topology fields replace the URL's topology instead of mixing with it.
    if (TOPOLOGY_KEYS.some((key) => key in explicit)) {
      for (const key of TOPOLOGY_KEYS) delete fromUrl[key];
    }
    return fromObject({ ...fromUrl, ...explicit } as ClientConfig);
  }
  return fromObject(explicit as ClientConfig);
}

function fromObject(config: ClientConfig): ResolvedConfig {
  const record = config as Record<string, unknown>;
  const common = resolveCommon(record);
  const present = TOPOLOGY_KEYS.filter((key) => record[key] !== undefined && key !== 'port');
  const topologies = present.filter((key) => key !== 'host');
  if (topologies.length > 1 || (topologies.length === 1 && present.includes('host'))) {
    throw new ConfigError(
      present.join('/'),
      'give exactly one of host (with port), unix, cluster or sentinel: they name different topologies.',
    );
  }
  if (record.cluster !== undefined) {
    if (record.db !== undefined && common.db !== 0) {
      throw new ConfigError('db', 'a Redis Cluster has only database 0; remove db or set it to 0.');
    }
    return Object.freeze(resolveCluster(record.cluster, common));
  }
  if (record.sentinel !== undefined) {
    return Object.freeze(resolveSentinel(record.sentinel, common, record.connectTimeout !== undefined));
  }
  if (record.unix !== undefined) {
    return Object.freeze({ kind: 'unix', ...common, path: requireString('unix', record.unix) });
  }
  const host = record.host === undefined ? CONNECTION_DEFAULTS.host : requireString('host', record.host);
  if (host === '') throw new ConfigError('host', 'must not be empty.');
  const port = record.port === undefined ? CONNECTION_DEFAULTS.port : record.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError('port', `must be an integer in 1-65535, got ${describe(port)}.`);
  }
  return Object.freeze({ kind: 'standalone', ...common, host, port });
}

function resolveSentinel(
  value: unknown,
  common: ResolvedCommonOptions,
  connectTimeoutGiven: boolean,
): ResolvedConfig {
  const sentinel = value as Record<string, unknown>;
  if (typeof sentinel !== 'object' || sentinel === null || Array.isArray(sentinel)) {
    throw new ConfigError('sentinel', `must be an object { hosts, name }, got ${describe(sentinel)}.`);
  }
  if (typeof sentinel?.name !== 'string' || sentinel.name === '') {
    throw new ConfigError(
      'sentinel.name',
      'the master name is required (as in sentinel.conf: sentinel monitor NAME ...).',
    );
  }
  const hosts = validateHosts('sentinel.hosts', sentinel.hosts, SENTINEL_DEFAULTS.port);
  const sentinelUsername =
    sentinel.username === undefined ? undefined : requireString('sentinel.username', sentinel.username);
  const sentinelPassword =
    sentinel.password === undefined ? undefined : requireString('sentinel.password', sentinel.password);
  if (sentinel.credentials !== undefined && typeof sentinel.credentials !== 'function') {
    throw new ConfigError(
      'sentinel.credentials',
      'must be a function returning { username?, password, expiresAt? }.',
    );
  }
  const sentinelTls = requireTls('sentinel.tls', sentinel.tls);
  const readFrom =
    sentinel.readFrom === undefined
      ? SENTINEL_DEFAULTS.readFrom
      : validateReadFrom('sentinel.readFrom', sentinel.readFrom, false);
  for (const key of Object.keys(sentinel)) {
    if (!SENTINEL_KEYS.has(key)) {
      throw new ConfigError(`sentinel.${key}`, `unknown option. Known: ${[...SENTINEL_KEYS].join(', ')}.`);
    }
  }
  return {
    kind: 'sentinel',
    ...common,
    hosts,
    name: sentinel.name,
    sentinelUsername,
    sentinelPassword,
    sentinelCredentials: sentinel.credentials as ResolvedCommonOptions['credentials'],
    sentinelTls,
    sentinelConnectTimeout: connectTimeoutGiven ? common.connectTimeout : SENTINEL_DEFAULTS.connectTimeout,
    readFrom,
  };
}

function resolveCluster(value: unknown, common: ResolvedCommonOptions): ResolvedConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      'cluster',
      `must be an object like { hosts: ['10.0.0.1:6379'] }, got ${describe(value)}.`,
    );
  }
  const cluster = value as Record<string, unknown>;
  for (const key of Object.keys(cluster)) {
    if (!CLUSTER_KEYS.has(key)) {
      throw new ConfigError(`cluster.${key}`, `unknown option (known: ${[...CLUSTER_KEYS].join(', ')}).`);
    }
  }
  const D = CLUSTER_DEFAULTS;
  return {
    kind: 'cluster',
    ...common,
    hosts: validateHosts('cluster.hosts', cluster.hosts, D.port),
    readFrom:
      cluster.readFrom === undefined
        ? D.readFrom
        : validateReadFrom('cluster.readFrom', cluster.readFrom, true),
    maxRedirections:
      cluster.maxRedirections === undefined
        ? D.maxRedirections
        : requireInteger('cluster.maxRedirections', cluster.maxRedirections, 1),
    refreshInterval:
      cluster.refreshInterval === undefined
        ? D.refreshInterval
        : requireInteger('cluster.refreshInterval', cluster.refreshInterval, 0),
    preferHostname:
      cluster.preferHostname === undefined
        ? D.preferHostname
        : requireBoolean('cluster.preferHostname', cluster.preferHostname),
    splitMultiSlotWrites:
      cluster.splitMultiSlotWrites === undefined
        ? D.splitMultiSlotWrites
        : requireBoolean('cluster.splitMultiSlotWrites', cluster.splitMultiSlotWrites),
  };
}

function validateHosts(field: string, hosts: unknown, defaultPort: number): readonly ResolvedHost[] {
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new ConfigError(
      field,
      `must be a non-empty array of "host:port" strings or { host, port } objects.`,
    );
  }
  const resolved = hosts.map((entry: HostAddress, index) => {
    if (typeof entry === 'string') return Object.freeze(splitHostPort(entry, defaultPort));
    if (entry && typeof entry === 'object' && typeof entry.host === 'string') {
      const port = entry.port ?? defaultPort;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new ConfigError(
          `${field}[${index}].port`,
          `must be an integer in 1-65535, got ${describe(port)}.`,
        );
      }
      return Object.freeze({ host: entry.host, port });
    }
    throw new ConfigError(
      `${field}[${index}]`,
      `must be "host:port" or { host, port }, got ${describe(entry)}.`,
    );
  });
  return Object.freeze(resolved);
}

function suggest(key: string): string {
  const lower = key.toLowerCase();
  for (const known of KNOWN_KEYS) {
    if (known.toLowerCase() === lower || distance(known.toLowerCase(), lower) <= 2)
      return ` Did you mean "${known}"?`;
  }
  return ` Known options: ${[...KNOWN_KEYS].join(', ')}.`;
}

/** Levenshtein distance, for "did you mean" hints on misspelt options. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
