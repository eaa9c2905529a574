/**
 * The benchmarked clients, in table order. Each entry loads its module only when asked, so a worker
 * process that runs one client never loads another.
 */
import type { ClientModule } from './types.js';

export const CLIENT_NAMES = [
  'slotbridge',
  'ioredis',
  'node-redis-5',
  'node-redis-6',
  'node-redis-6-no-timeout',
] as const;
/** node-redis 6 with one default changed each: the "why is node-redis 6 slower" table. */
export const NODE_REDIS_6_VARIANTS = [
  'node-redis-6',
  'node-redis-6-resp2',
  'node-redis-6-no-maint',
  'node-redis-6-no-timeout',
] as const;
/** slotbridge with telemetry off, then each `slotbridge/opentelemetry` mode: the telemetry table. */
export const TELEMETRY_VARIANTS = [
  'slotbridge',
  'slotbridge-otel-metrics',
  'slotbridge-otel-traces-dropped',
  'slotbridge-otel-traces-batched',
] as const;
export type ClientName =
  | (typeof CLIENT_NAMES)[number]
  | (typeof NODE_REDIS_6_VARIANTS)[number]
  | (typeof TELEMETRY_VARIANTS)[number];

export async function loadClient(name: ClientName): Promise<ClientModule> {
  switch (name) {
    case 'slotbridge':
      return (await import('./slotbridge.js')).slotbridge;
    case 'ioredis':
      return (await import('./ioredis.js')).ioredis;
    case 'node-redis-5':
      return (await import('./node-redis-5.js')).nodeRedis5;
    case 'node-redis-6':
      return (await import('./node-redis-6.js')).nodeRedis6;
    case 'node-redis-6-no-timeout':
      return (await import('./node-redis-6.js')).nodeRedis6NoTimeout;
    case 'node-redis-6-resp2':
      return (await import('./node-redis-6.js')).nodeRedis6Resp2;
    case 'node-redis-6-no-maint':
      return (await import('./node-redis-6.js')).nodeRedis6NoMaint;
    case 'slotbridge-otel-metrics':
      return (await import('./slotbridge-otel.js')).slotbridgeWithTelemetry('metrics');
    case 'slotbridge-otel-traces-dropped':
      return (await import('./slotbridge-otel.js')).slotbridgeWithTelemetry('traces-dropped');
    case 'slotbridge-otel-traces-batched':
      return (await import('./slotbridge-otel.js')).slotbridgeWithTelemetry('traces-batched');
  }
}

export function isClientName(value: string): value is ClientName {
  return (
    (CLIENT_NAMES as readonly string[]).includes(value) ||
    (NODE_REDIS_6_VARIANTS as readonly string[]).includes(value) ||
    (TELEMETRY_VARIANTS as readonly string[]).includes(value)
  );
}
