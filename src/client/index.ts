/**
 * slotbridge: a Redis client for Node.js for every topology (single server, Cluster, Sentinel).
 * @packageDocumentation
 */

export {
  type AddressMapFunction,
  type AddressOptions,
  type AddressTarget,
  type NodeAddress,
  type UnreachableNode,
  UnreachableNodeError,
} from '../address/index.js';
export type {
  ArgsOf,
  BufferCommandMethods,
  CommandDefinition,
  ReplyOf,
  WithBuffers,
} from '../commands/command-definition.js';
export type {
  CommandArgumentDoc,
  CommandDoc,
  CommandInfoReply,
  CommandKeySpecInfo,
} from '../commands/command-docs.js';
export type { ClientCommands } from '../commands/command-set.js';
export type { SetOptions } from '../commands/core-commands.js';
export type { PoppedElement, PoppedMember, ScriptCallOptions } from '../commands/feature-commands.js';
export type * from '../commands/generated/command-methods.js';
export type { FieldValue, RedisKey, RedisValue, ScoredMember } from '../commands/reply-transforms.js';
export type { ServerFlavor } from '../commands/server-version.js';
export type { RankWithScore, ScoreMember, ZaddConditions } from '../commands/variant-commands.js';
export type {
  ConnectionHealth,
  Credentials,
  CredentialsProvider,
  HealthCheckOptions,
  ReconnectPolicy,
  ServerInfo,
  TimeoutPhase,
} from '../connection/index.js';
export {
  AbortError,
  CommandRejectedError,
  CommandTimeoutError,
  ConfigError,
  ConnectionError,
  CredentialsError,
  type Delivery,
  type ErrorCode,
  ProtocolError,
  SlotbridgeError,
  type SlotbridgeErrorCode,
  TimeoutError,
  TransactionError,
  UnsupportedCommandError,
} from '../errors.js';
export { RedirectError, ReplyError, type RespArg, type RespValue } from '../resp/index.js';
export {
  ClusterError,
  type ClusterErrorCode,
  type ReadFrom,
  type ReadFromContext,
  type ReadFromFunction,
  type ReadFromNode,
  SentinelError,
  type SentinelErrorCode,
  type TopologyChange,
  type ZoneReadFrom,
} from '../topology/index.js';
export type { CacheStats } from './cache/tracking-cache.js';
export { type BufferClient, type BufferSubscribeMethods, RedisClient } from './client.js';
export { type CommandOptions, CommandView } from './command-view.js';
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
export { type DiagnoseOptions, type DoctorNode, type DoctorReport, diagnose } from './doctor.js';
export { type ClientHealth, formatHealth } from './health.js';
export { IsolatedClient } from './isolated-client.js';
export { normalizeConfig } from './normalize-config.js';
export { parseRedisUrl } from './parse-url.js';
export { Pipeline, type PipelineResults } from './pipeline.js';
export { Subscription } from './pubsub/subscription.js';
export type {
  BufferMessageListener,
  BufferPubSubMessage,
  MessageListener,
  PubSubMessage,
  SubscribeOptions,
  SubscriptionKind,
} from './pubsub/types.js';
export type { ScanOptions } from './scan.js';
export { type BoundScript, defineScript, Script, type ScriptOptions } from './script.js';
export {
  StreamConsumer,
  type StreamConsumerOptions,
  type StreamEntry,
} from './stream-consumer.js';
export { Transaction, type TransactionResults } from './transaction.js';
