import { type AddressOptions, parsePorts } from '../address/index.js';
import type { CredentialsProvider } from '../connection/index.js';
import { ConfigError } from '../errors.js';
import type { ReadFromFunction } from '../topology/index.js';
import type { ClientConfig, CommonOptions, HostAddress, NormalizedConfig } from './config.js';
import { OPERATIONS_KEYS, validateOperationsOptions, validateZoneReadFrom } from './operations-options.js';
import { parseRedisUrl, splitHostPort } from './parse-url.js';

/** Options every topology accepts (README's options table is compared with these lists by a test). */
export const COMMON_KEYS = [
  'username',
  'password',
  'db',
  'clientName',
  'protocol',
  'tls',
  'connectTimeout',
  'commandTimeout',
  'reconnect',
  'retryOnReconnect',
  'maxRetriesPerCommand',
  'maxOfflineQueue',
  'limits',
  'addresses',
  'maxBlockingConnections',
  'clientCache',
  ...OPERATIONS_KEYS,
] as const;
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
const KNOWN_KEYS = new Set<string>([...COMMON_KEYS, ...TOPOLOGY_KEYS, 'url']);

/** The URL used when createClient() gets no argument and REDIS_URL is not set. */
export const DEFAULT_URL = 'redis://127.0.0.1:6379';

/**
 * Validates a URL or config object (eagerly: every mistake is reported at createClient, naming the
 * option and the fix) and makes the topology explicit. With no input: REDIS_URL, else the default URL.
 */
export function normalizeConfig(
  input?: string | ClientConfig,
  env: NodeJS.ProcessEnv = process.env,
): NormalizedConfig {
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

function fromObject(config: ClientConfig): NormalizedConfig {
  const record = config as Record<string, unknown>;
  const common = validateCommon(record);
  const present = TOPOLOGY_KEYS.filter((key) => record[key] !== undefined && key !== 'port');
  const topologies = present.filter((key) => key !== 'host');
  if (topologies.length > 1 || (topologies.length === 1 && present.includes('host'))) {
    throw new ConfigError(
      present.join('/'),
      'give exactly one of host (with port), unix, cluster or sentinel: they name different topologies.',
    );
  }
  if (record.cluster !== undefined) {
    if (common.db !== undefined && common.db !== 0) {
      throw new ConfigError('db', 'a Redis Cluster has only database 0; remove db or set it to 0.');
    }
    return normalizeCluster(record.cluster, common);
  }
  if (record.sentinel !== undefined) {
    const sentinel = record.sentinel as Record<string, unknown>;
    if (typeof sentinel !== 'object' || sentinel === null || Array.isArray(sentinel)) {
      throw new ConfigError('sentinel', `must be an object { hosts, name }, got ${describe(sentinel)}.`);
    }
    if (typeof sentinel?.name !== 'string' || sentinel.name === '') {
      throw new ConfigError(
        'sentinel.name',
        'the master name is required (as in sentinel.conf: sentinel monitor NAME ...).',
      );
    }
    const normalized: NormalizedConfig = {
      kind: 'sentinel',
      ...common,
      hosts: validateHosts('sentinel.hosts', sentinel.hosts, 26379),
      name: sentinel.name,
    };
    if (sentinel.username !== undefined)
      normalized.sentinelUsername = requireString('sentinel.username', sentinel.username);
    if (sentinel.password !== undefined)
      normalized.sentinelPassword = requireString('sentinel.password', sentinel.password);
    if (sentinel.credentials !== undefined) {
      if (typeof sentinel.credentials !== 'function') {
        throw new ConfigError(
          'sentinel.credentials',
          'must be a function returning { username?, password, expiresAt? }.',
        );
      }
      normalized.sentinelCredentials = sentinel.credentials as CredentialsProvider;
    }
    if (sentinel.tls !== undefined) {
      if (typeof sentinel.tls !== 'boolean' && (typeof sentinel.tls !== 'object' || sentinel.tls === null)) {
        throw new ConfigError(
          'sentinel.tls',
          `must be true/false or node:tls options, got ${describe(sentinel.tls)}.`,
        );
      }
      normalized.sentinelTls = sentinel.tls as boolean;
    }
    if (typeof sentinel.readFrom === 'object' && sentinel.readFrom !== null) {
      normalized.readFrom = validateZoneReadFrom('sentinel.readFrom', sentinel.readFrom);
    } else if (sentinel.readFrom !== undefined) {
      const readFrom = sentinel.readFrom;
      if (readFrom !== 'primary' && readFrom !== 'replica' && readFrom !== 'preferReplica') {
        throw new ConfigError(
          'sentinel.readFrom',
          `must be 'primary', 'replica' or 'preferReplica', got ${describe(readFrom)}.`,
        );
      }
      normalized.readFrom = readFrom;
    }
    for (const key of Object.keys(sentinel)) {
      if (!SENTINEL_KEYS.has(key)) {
        throw new ConfigError(`sentinel.${key}`, `unknown option. Known: ${[...SENTINEL_KEYS].join(', ')}.`);
      }
    }
    return normalized;
  }
  if (record.unix !== undefined) {
    return { kind: 'unix', ...common, path: requireString('unix', record.unix) };
  }
  const host = record.host === undefined ? '127.0.0.1' : requireString('host', record.host);
  if (host === '') throw new ConfigError('host', 'must not be empty.');
  const port = record.port === undefined ? 6379 : record.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError('port', `must be an integer in 1-65535, got ${describe(port)}.`);
  }
  return { kind: 'standalone', ...common, host, port };
}

export const CLUSTER_KEYS = new Set([
  'hosts',
  'readFrom',
  'maxRedirections',
  'refreshInterval',
  'preferHostname',
  'splitMultiSlotWrites',
]);
const READ_FROM = ['primary', 'replica', 'preferReplica'];

function normalizeCluster(value: unknown, common: CommonOptions): NormalizedConfig {
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
  const normalized: NormalizedConfig = {
    kind: 'cluster',
    ...common,
    hosts: validateHosts('cluster.hosts', cluster.hosts, 6379),
  };
  if (typeof cluster.readFrom === 'function') {
    normalized.readFrom = cluster.readFrom as ReadFromFunction;
  } else if (typeof cluster.readFrom === 'object' && cluster.readFrom !== null) {
    normalized.readFrom = validateZoneReadFrom('cluster.readFrom', cluster.readFrom);
  } else if (cluster.readFrom !== undefined) {
    if (typeof cluster.readFrom !== 'string' || !READ_FROM.includes(cluster.readFrom)) {
      throw new ConfigError(
        'cluster.readFrom',
        `must be one of ${READ_FROM.join(', ')} or a function (nodes) => node, got ${describe(cluster.readFrom)}.`,
      );
    }
    normalized.readFrom = cluster.readFrom as 'primary' | 'replica' | 'preferReplica';
  }
  if (cluster.maxRedirections !== undefined)
    normalized.maxRedirections = requireInteger('cluster.maxRedirections', cluster.maxRedirections, 1);
  if (cluster.refreshInterval !== undefined)
    normalized.refreshInterval = requireInteger('cluster.refreshInterval', cluster.refreshInterval, 0);
  if (cluster.preferHostname !== undefined)
    normalized.preferHostname = requireBoolean('cluster.preferHostname', cluster.preferHostname);
  if (cluster.splitMultiSlotWrites !== undefined) {
    normalized.splitMultiSlotWrites = requireBoolean(
      'cluster.splitMultiSlotWrites',
      cluster.splitMultiSlotWrites,
    );
  }
  return normalized;
}

function validateCommon(record: Record<string, unknown>): CommonOptions {
  const out: CommonOptions = {};
  if (record.username !== undefined) out.username = requireString('username', record.username);
  if (record.password !== undefined) out.password = requireString('password', record.password);
  if (record.clientName !== undefined) {
    const name = requireString('clientName', record.clientName);
    if (/\s/.test(name))
      throw new ConfigError('clientName', 'must not contain spaces (the server refuses them).');
    out.clientName = name;
  }
  if (record.db !== undefined) out.db = requireInteger('db', record.db, 0);
  if (record.protocol !== undefined) {
    if (record.protocol !== 2 && record.protocol !== 3) {
      throw new ConfigError('protocol', `must be 2 or 3, got ${describe(record.protocol)}.`);
    }
    out.protocol = record.protocol;
  }
  if (record.tls !== undefined) {
    if (typeof record.tls !== 'boolean' && (typeof record.tls !== 'object' || record.tls === null)) {
      throw new ConfigError('tls', `must be true/false or node:tls options, got ${describe(record.tls)}.`);
    }
    out.tls = record.tls as CommonOptions['tls'];
  }
  if (record.connectTimeout !== undefined)
    out.connectTimeout = requireInteger('connectTimeout', record.connectTimeout, 1);
  if (record.commandTimeout !== undefined)
    out.commandTimeout = requireInteger('commandTimeout', record.commandTimeout, 0);
  if (record.maxRetriesPerCommand !== undefined) {
    out.maxRetriesPerCommand = requireInteger('maxRetriesPerCommand', record.maxRetriesPerCommand, 0);
  }
  if (record.maxOfflineQueue !== undefined)
    out.maxOfflineQueue = requireInteger('maxOfflineQueue', record.maxOfflineQueue, 0);
  if (record.retryOnReconnect !== undefined) {
    const value = record.retryOnReconnect;
    if (value !== 'readonly' && value !== 'all' && value !== 'none') {
      throw new ConfigError(
        'retryOnReconnect',
        `must be 'readonly', 'all' or 'none', got ${describe(value)}.`,
      );
    }
    out.retryOnReconnect = value;
  }
  if (record.reconnect !== undefined) out.reconnect = validateReconnect(record.reconnect);
  if (record.maxBlockingConnections !== undefined) {
    out.maxBlockingConnections = requireInteger('maxBlockingConnections', record.maxBlockingConnections, 1);
  }
  if (record.clientCache !== undefined && record.clientCache !== false) {
    out.clientCache = validateClientCache(record.clientCache);
  }
  if (record.limits !== undefined) {
    const limits = record.limits as Record<string, unknown>;
    if (typeof limits !== 'object' || limits === null) {
      throw new ConfigError('limits', `must be an object, got ${describe(record.limits)}.`);
    }
    const validLimits: NonNullable<CommonOptions['limits']> = {};
    for (const key of Object.keys(limits)) {
      if (key !== 'maxBulkLength' && key !== 'maxAggregateLength' && key !== 'maxDepth') {
        throw new ConfigError(
          `limits.${key}`,
          'unknown limit. Known: maxBulkLength, maxAggregateLength, maxDepth.',
        );
      }
      validLimits[key] = requireInteger(`limits.${key}`, limits[key], 1);
    }
    out.limits = validLimits;
  }
  if (record.addresses !== undefined) out.addresses = validateAddresses(record.addresses);
  validateOperationsOptions(record, out);
  return out;
}

export const ADDRESS_KEYS = new Set(['map', 'discover', 'resolve', 'servername', 'mapConfiguredHosts']);

function validateAddresses(value: unknown): AddressOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      'addresses',
      `must be an object ({ map, discover, resolve, servername }), got ${describe(value)}.`,
    );
  }
  const options = value as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!ADDRESS_KEYS.has(key)) {
      throw new ConfigError(`addresses.${key}`, `unknown option. Known: ${[...ADDRESS_KEYS].join(', ')}.`);
    }
  }
  if (options.map !== undefined && typeof options.map !== 'function') {
    if (typeof options.map !== 'object' || options.map === null) {
      throw new ConfigError('addresses.map', 'must be an object { announced: reachable } or a function.');
    }
  }
  if (options.discover !== undefined) {
    const discover = options.discover as Record<string, unknown>;
    if (typeof discover?.host !== 'string' || discover.host === '') {
      throw new ConfigError('addresses.discover.host', 'must name the host where the ports are exposed.');
    }
    parsePorts(discover.ports as string | number[]);
  }
  if (options.resolve !== undefined && typeof options.resolve !== 'function') {
    throw new ConfigError(
      'addresses.resolve',
      'must be a function (host, port) => Promise<Array<{ host, port }>>.',
    );
  }
  return options as AddressOptions;
}

function validateClientCache(value: unknown): CommonOptions['clientCache'] {
  if (value === true) return {};
  if (typeof value !== 'object' || value === null) {
    throw new ConfigError(
      'clientCache',
      `must be true, false or { maxEntries, maxBytes }, got ${describe(value)}.`,
    );
  }
  const cache = value as Record<string, unknown>;
  const out: { maxEntries?: number; maxBytes?: number } = {};
  for (const key of Object.keys(cache)) {
    if (key !== 'maxEntries' && key !== 'maxBytes') {
      throw new ConfigError(`clientCache.${key}`, 'unknown option. Known: maxEntries, maxBytes.');
    }
    out[key] = requireInteger(`clientCache.${key}`, cache[key], 1);
  }
  return out;
}

function validateReconnect(value: unknown): CommonOptions['reconnect'] {
  if (value === false) return false;
  const policy = value as Record<string, unknown>;
  if (typeof policy !== 'object' || policy === null) {
    throw new ConfigError('reconnect', `must be false or a policy object, got ${describe(value)}.`);
  }
  const kind = policy.kind;
  if (kind !== 'constant' && kind !== 'linear' && kind !== 'exponential') {
    throw new ConfigError(
      'reconnect.kind',
      `must be 'constant', 'linear' or 'exponential', got ${describe(kind)}.`,
    );
  }
  const delayKey = kind === 'exponential' ? 'base' : 'delay';
  requireInteger(`reconnect.${delayKey}`, policy[delayKey], 0);
  for (const key of ['maxDelay', 'maxAttempts'] as const) {
    if (policy[key] !== undefined) requireInteger(`reconnect.${key}`, policy[key], 0);
  }
  if (policy.jitter !== undefined) {
    const jitter = policy.jitter;
    if (typeof jitter !== 'number' || jitter < 0 || jitter > 1) {
      throw new ConfigError('reconnect.jitter', `must be a number in 0..1, got ${describe(jitter)}.`);
    }
  }
  return policy as unknown as CommonOptions['reconnect'];
}

function validateHosts(
  field: string,
  hosts: unknown,
  defaultPort: number,
): Array<{ host: string; port: number }> {
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new ConfigError(
      field,
      `must be a non-empty array of "host:port" strings or { host, port } objects.`,
    );
  }
  return hosts.map((entry: HostAddress, index) => {
    if (typeof entry === 'string') return splitHostPort(entry, defaultPort);
    if (entry && typeof entry === 'object' && typeof entry.host === 'string') {
      const port = entry.port ?? defaultPort;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new ConfigError(
          `${field}[${index}].port`,
          `must be an integer in 1-65535, got ${describe(port)}.`,
        );
      }
      return { host: entry.host, port };
    }
    throw new ConfigError(
      `${field}[${index}]`,
      `must be "host:port" or { host, port }, got ${describe(entry)}.`,
    );
  });
}

function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ConfigError(field, `must be a string, got ${describe(value)}.`);
  return value;
}

function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ConfigError(field, `must be true or false, got ${describe(value)}.`);
  return value;
}

function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(field, `must be an integer >= ${min}, got ${describe(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
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
