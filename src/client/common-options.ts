/**
 * The options every topology shares (CommonOptions): validated, then resolved with every default from
 * src/defaults.ts into a frozen {@link ResolvedCommonOptions}.
 */
import { type AddressOptions, parsePorts } from '../address/index.js';
import type { ReconnectPolicy } from '../connection/index.js';
import {
  CLIENT_CACHE_DEFAULTS,
  CONNECTION_DEFAULTS,
  HEALTH_CHECK_DEFAULTS,
  RECONNECT_DEFAULTS,
} from '../defaults.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_MAX_AGGREGATE_LENGTH, DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_DEPTH } from '../resp/index.js';
import type { CommonOptions, ResolvedCommonOptions } from './config.js';
import { describe, requireInteger, requireString, requireTls } from './config-checks.js';
import { requireKeyPrefix, requirePrefixChannels } from './key-prefix.js';
import { OPERATIONS_KEYS, validateOperationsOptions } from './operations-options.js';

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
  'maxPending',
  'pendingOverflow',
  'limits',
  'addresses',
  'maxBlockingConnections',
  'clientCache',
  ...OPERATIONS_KEYS,
  'keyPrefix',
  'prefixChannels',
] as const;

export const ADDRESS_KEYS = new Set(['map', 'discover', 'resolve', 'servername', 'mapConfiguredHosts']);

/** Validates the shared options of a config record (throws ConfigError) and fills every default. */
export function resolveCommon(record: Record<string, unknown>): ResolvedCommonOptions {
  const given = validateCommon(record);
  const D = CONNECTION_DEFAULTS;
  return {
    username: given.username,
    password: given.password,
    db: given.db ?? D.db,
    clientName: given.clientName,
    protocol: given.protocol ?? D.protocol,
    tls: requireTls('tls', record.tls),
    connectTimeout: given.connectTimeout ?? D.connectTimeout,
    commandTimeout: given.commandTimeout ?? D.commandTimeout,
    reconnect: given.reconnect === undefined ? RECONNECT_DEFAULTS : given.reconnect,
    retryOnReconnect: given.retryOnReconnect ?? D.retryOnReconnect,
    maxRetriesPerCommand: given.maxRetriesPerCommand ?? D.maxRetriesPerCommand,
    maxOfflineQueue: given.maxOfflineQueue ?? D.maxOfflineQueue,
    maxPending: given.maxPending ?? D.maxPending,
    pendingOverflow: given.pendingOverflow ?? D.pendingOverflow,
    limits: Object.freeze({
      maxBulkLength: given.limits?.maxBulkLength ?? DEFAULT_MAX_BULK_LENGTH,
      maxAggregateLength: given.limits?.maxAggregateLength ?? DEFAULT_MAX_AGGREGATE_LENGTH,
      maxDepth: given.limits?.maxDepth ?? DEFAULT_MAX_DEPTH,
    }),
    addresses: given.addresses === undefined ? undefined : Object.freeze({ ...given.addresses }),
    maxBlockingConnections: given.maxBlockingConnections ?? D.maxBlockingConnections,
    clientCache:
      given.clientCache === undefined || given.clientCache === false
        ? false
        : Object.freeze({
            ...CLIENT_CACHE_DEFAULTS,
            ...(given.clientCache === true ? {} : given.clientCache),
          }),
    keepAlive: given.keepAlive ?? D.keepAlive,
    healthCheck:
      given.healthCheck === false ? false : Object.freeze({ ...HEALTH_CHECK_DEFAULTS, ...given.healthCheck }),
    credentials: given.credentials,
    keyPrefix: given.keyPrefix,
    prefixChannels: given.prefixChannels ?? false,
  };
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
  if (record.connectTimeout !== undefined)
    out.connectTimeout = requireInteger('connectTimeout', record.connectTimeout, 1);
  if (record.commandTimeout !== undefined)
    out.commandTimeout = requireInteger('commandTimeout', record.commandTimeout, 0);
  if (record.maxRetriesPerCommand !== undefined) {
    out.maxRetriesPerCommand = requireInteger('maxRetriesPerCommand', record.maxRetriesPerCommand, 0);
  }
  if (record.maxOfflineQueue !== undefined)
    out.maxOfflineQueue = requireInteger('maxOfflineQueue', record.maxOfflineQueue, 0);
  if (record.maxPending !== undefined) out.maxPending = requireInteger('maxPending', record.maxPending, 1);
  if (record.pendingOverflow !== undefined) {
    const value = record.pendingOverflow;
    if (value !== 'reject' && value !== 'wait') {
      throw new ConfigError('pendingOverflow', `must be 'reject' or 'wait', got ${describe(value)}.`);
    }
    out.pendingOverflow = value;
  }
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
  if (record.limits !== undefined) out.limits = validateLimits(record.limits);
  if (record.addresses !== undefined) out.addresses = validateAddresses(record.addresses);
  validateOperationsOptions(record, out);
  if (record.keyPrefix !== undefined) out.keyPrefix = requireKeyPrefix(record.keyPrefix);
  if (record.prefixChannels !== undefined) out.prefixChannels = requirePrefixChannels(record);
  return out;
}

function validateLimits(value: unknown): NonNullable<CommonOptions['limits']> {
  const limits = value as Record<string, unknown>;
  if (typeof limits !== 'object' || limits === null) {
    throw new ConfigError('limits', `must be an object, got ${describe(value)}.`);
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
  return validLimits;
}

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

function validateReconnect(value: unknown): ReconnectPolicy | false {
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
  return Object.freeze({ ...policy }) as ReconnectPolicy;
}
