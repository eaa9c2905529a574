/** The topology-rewriting RESP proxy (`slotbridge proxy`). */
export { AddressRewriter, type NodeLookup } from './address-rewriter.js';
export { Admission, type AdmissionLimits, type Release } from './admission.js';
export { BackendAllowList } from './backend-allow-list.js';
export { ClientAuth } from './client-auth.js';
export { ClusterDirectory, type ClusterDirectoryOptions } from './cluster-directory.js';
export {
  rewriteClusterNodes,
  rewriteClusterReplicas,
  rewriteClusterShards,
  rewriteClusterSlots,
  rewriteNodesLine,
} from './cluster-rewrite.js';
export {
  ClusterProxy,
  type ClusterProxyOptions,
  ClusterSentinelProxy,
  type PortMapping,
} from './cluster-sentinel-proxy.js';
export { CLIENT_NEEDS, CommandPolicy, type CommandPolicyOptions, UNSUPPORTED } from './command-policy.js';
export { splitInlineArgs } from './inline-split.js';
export { type MetricsSnapshot, ProxyMetrics } from './metrics.js';
export { type PortRange, parsePortRange } from './port-allocator.js';
export {
  CachedPortTable,
  MemoryPortTable,
  PortRangeFullError,
  type PortTable,
  PortTableError,
} from './port-table.js';
export { FilePortTable } from './port-table-file.js';
export {
  DEFAULT_PORT_TABLE_KEY,
  RedisPortTable,
  type RedisPortTableOptions,
  type StoreSend,
} from './port-table-redis.js';
export type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
export { ProxyGroup, type ProxyGroupOptions, WORKER_SLOT_ENV } from './proxy-group.js';
export {
  type ClusterSentinelProxyOptions,
  type PortTableOption,
  parsePortTableOption,
  type ResolvedProxyOptions,
  resolveProxyOptions,
} from './proxy-options.js';
export { rewriteRedirectsDeep, rewriteRedirectText } from './redirect-rewrite.js';
export { rewriteInfoText, rewriteRole } from './replication-rewrite.js';
export { type ReplyKind, replyKind } from './reply-kind.js';
export { rewriteReply } from './reply-rewrite.js';
export {
  type Pending,
  type ReplyMode,
  type ReplySink,
  ReplyWalker,
  type ReplyWalkerOptions,
} from './reply-walker.js';
export {
  DEFAULT_REQUEST_LIMITS,
  type RequestInfo,
  type RequestLimits,
  RequestParser,
} from './request-parser.js';
export { SentinelDirectory, type SentinelDirectoryOptions } from './sentinel-directory.js';
export {
  rewriteEventText,
  rewritePubsubEvent,
  rewriteSentinelAddress,
  rewriteSentinelRecord,
  rewriteSentinelRecords,
} from './sentinel-rewrite.js';
export { WorkerDirectory } from './worker-directory.js';
export type { NodeRow, PrimaryLink, PrimaryMessage, WorkerMessage } from './worker-protocol.js';
