/**
 * slotbridge: a Redis client for Node.js for every topology (single server, Cluster, Sentinel).
 * @packageDocumentation
 */
export type { SetOptions } from '../commands/core-commands.js';
export type { RedisKey, RedisValue, ScoredMember } from '../commands/reply-transforms.js';
export type { ReconnectPolicy } from '../connection/index.js';
export {
  CommandRejectedError,
  ConfigError,
  ConnectionError,
  ProtocolError,
  SlotbridgeError,
  TimeoutError,
} from '../errors.js';
export { RedirectError, ReplyError, type RespArg, type RespValue } from '../resp/index.js';
export {
  ClusterError,
  type ClusterErrorCode,
  type ReadFrom,
  type ReadFromContext,
  type ReadFromFunction,
  type ReadFromNode,
  type TopologyChange,
} from '../topology/index.js';
export { type CommandOptions, RedisClient } from './client.js';
export type {
  ClientConfig,
  ClusterConfig,
  ClusterOptions,
  CommonOptions,
  HostAddress,
  SentinelConfig,
  ServerConfig,
  StandaloneConfig,
  UnixConfig,
} from './config.js';
export { createClient } from './create-client.js';
export { normalizeConfig } from './normalize-config.js';
export { parseRedisUrl } from './parse-url.js';
export { Pipeline, type PipelineResults } from './pipeline.js';
export type { ScanOptions } from './scan.js';
