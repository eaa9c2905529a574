/**
 * What the proxy must do with the reply to a request, decided from the command name and first argument.
 * Only replies that carry addresses are rewritten; a few more are watched to track connection state
 * (HELLO's protocol, RESET).
 */
import type { RequestInfo } from './request-parser.js';

export type ReplyKind =
  | 'plain'
  | 'exec'
  | 'cluster-nodes'
  | 'cluster-replicas'
  | 'cluster-slots'
  | 'cluster-shards'
  | 'role'
  | 'info'
  | 'hello2'
  | 'hello3'
  | 'reset'
  | 'sentinel-address'
  | 'sentinel-record'
  | 'sentinel-records'
  /** An unpaired pub/sub message on a sentinel port (its text may carry addresses). */
  | 'pubsub-event'
  /** CLIENT INFO / CLIENT LIST: `addr=` and `laddr=` fields. */
  | 'client-info'
  /** CONFIG GET: values of address and secret parameters are withheld. */
  | 'config-get'
  /** The proxy answers in place of the server (a refused or captured request): the reply is replaced. */
  | 'replaced'
  /** The reply to the proxy's own AUTH on a new backend connection: not forwarded. */
  | 'swallow'
  /** A MONITOR stream line (unpaired): its client address is rewritten or withheld. */
  | 'monitor-line';

/** Commands whose replies are pub/sub confirmations (RESP2 arrays or RESP3 pushes), never paired. */
export const SUBSCRIBE_COMMANDS = new Set(['subscribe', 'psubscribe', 'ssubscribe']);
export const UNSUBSCRIBE_COMMANDS = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe']);

const CLUSTER_KINDS: Record<string, ReplyKind> = {
  nodes: 'cluster-nodes',
  replicas: 'cluster-replicas',
  slaves: 'cluster-replicas',
  slots: 'cluster-slots',
  shards: 'cluster-shards',
};

const SENTINEL_KINDS: Record<string, ReplyKind> = {
  'get-master-addr-by-name': 'sentinel-address',
  master: 'sentinel-record',
  masters: 'sentinel-records',
  replicas: 'sentinel-records',
  slaves: 'sentinel-records',
  sentinels: 'sentinel-records',
};

export function replyKind(request: RequestInfo): ReplyKind {
  switch (request.name) {
    case 'sentinel':
      return SENTINEL_KINDS[request.sub] ?? 'plain';
    case 'cluster':
      return CLUSTER_KINDS[request.sub] ?? 'plain';
    case 'client':
      return request.sub === 'info' || request.sub === 'list' ? 'client-info' : 'plain';
    case 'config':
      return request.sub === 'get' ? 'config-get' : 'plain';
    case 'role':
      return 'role';
    case 'info':
      return 'info';
    case 'exec':
      return 'exec';
    case 'hello':
      if (request.sub === '3') return 'hello3';
      if (request.sub === '2') return 'hello2';
      return 'plain';
    case 'reset':
      return 'reset';
    default:
      return 'plain';
  }
}

/** Kinds whose reply is read whole (and maybe rewritten) before it is forwarded. */
export function needsWholeReply(kind: ReplyKind): boolean {
  return kind !== 'plain' && kind !== 'hello2' && kind !== 'hello3' && kind !== 'reset';
}
