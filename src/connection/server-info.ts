import type { ServerFlavor } from '../commands/server-version.js';
import type { RespValue } from '../resp/index.js';

/**
 * What a connection learned about its server in the handshake: from HELLO on RESP3 (`server`, `version`,
 * `mode`) and from INFO server on RESP2 (`redis_version`, `redis_mode`; Valkey adds `server_name`,
 * `valkey_version` and says `server_mode`).
 */
export interface ServerInfo {
  /** `redis` or `valkey`. */
  readonly flavor: ServerFlavor;
  /** The server's own version: `7.4.1` for Redis 7.4.1, `8.0.1` for Valkey 8.0.1. */
  readonly version: string;
  /**
   * On Valkey, the Redis version it reports being compatible with (`redis_version` in INFO: `7.2.4` for
   * Valkey 8.0); undefined on Redis (its version is the Redis version) and when INFO could not be read.
   */
  readonly redisCompatibleVersion?: string;
  /** `standalone`, `cluster` or `sentinel`, as the server reports it. */
  readonly mode: string;
}

/** HELLO's reply (a map on RESP3): flavor, version and mode; undefined when it carries no version. */
export function serverInfoFromHello(reply: RespValue): ServerInfo | undefined {
  const version = helloField(reply, 'version');
  if (version === undefined) return undefined;
  const flavor = helloField(reply, 'server') === 'valkey' ? 'valkey' : 'redis';
  return { flavor, version, mode: helloField(reply, 'mode') ?? 'standalone' };
}

/** INFO server's text: flavor, version (Valkey's own on Valkey) and mode; undefined without a version. */
export function serverInfoFromInfo(text: string): ServerInfo | undefined {
  const fields = infoFields(text);
  const redisVersion = fields.get('redis_version');
  const valkeyVersion = fields.get('valkey_version');
  const mode = fields.get('server_mode') ?? fields.get('redis_mode') ?? 'standalone';
  if (fields.get('server_name') === 'valkey' || valkeyVersion !== undefined) {
    const version = valkeyVersion ?? redisVersion;
    if (version === undefined) return undefined;
    return redisVersion === undefined
      ? { flavor: 'valkey', version, mode }
      : { flavor: 'valkey', version, redisCompatibleVersion: redisVersion, mode };
  }
  if (redisVersion === undefined) return undefined;
  return { flavor: 'redis', version: redisVersion, mode };
}

/** INFO server's `availability_zone` (Valkey 8; Valkey 8.1+ also says it in HELLO): '' without one. */
export function availabilityZoneFromInfo(text: string): string {
  const match = /^availability_zone:(.*)$/m.exec(text);
  return match ? match[1].trim() : '';
}

/** Adds what INFO server says (Valkey's Redis-compatible version) to what HELLO said. */
export function withInfo(hello: ServerInfo, text: string): ServerInfo {
  const info = serverInfoFromInfo(text);
  if (info?.redisCompatibleVersion === undefined || info.flavor !== hello.flavor) return hello;
  return { ...hello, redisCompatibleVersion: info.redisCompatibleVersion };
}

function infoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith('#')) continue;
    fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

function helloField(reply: RespValue, field: string): string | undefined {
  if (reply instanceof Map) {
    const value = reply.get(field);
    return typeof value === 'string' ? value : undefined;
  }
  if (Array.isArray(reply)) {
    const index = reply.indexOf(field);
    const value = index >= 0 ? reply[index + 1] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
