/**
 * slotbridge: a Redis client for Node.js for every topology (single server, Cluster, Sentinel).
 *
 * The public surface, on purpose: the factory ({@link createClient}, plus {@link defineScript} and
 * {@link formatHealth}), the error classes (values, for `instanceof`), and types — the client, pipeline,
 * transaction and subscription objects users hold and the options they pass. Classes whose constructors
 * take internal types are exported as types only; everything else (config parsing, the doctor, topologies)
 * is internal. test/unit/public-exports.test.ts pins the runtime exports.
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
  type ReadFromMode,
  type ReadFromNode,
  SentinelError,
  type SentinelErrorCode,
  type SentinelReadFrom,
  type TopologyChange,
  type ZoneReadFrom,
} from '../topology/index.js';
export type { CacheStats } from './cache/tracking-cache.js';
export type { BufferClient, BufferSubscribeMethods, RedisClient } from './client.js';
export type { CommandOptions, CommandView } from './command-view.js';
export type {
  ClientConfig,
  ClusterConfig,
  ClusterOptions,
  CommonOptions,
  HostAddress,
  RedactedConfig,
  ResolvedCommonOptions,
  ResolvedConfig,
  ResolvedHost,
  ResolvedTls,
  SentinelConfig,
  ServerConfig,
  StandaloneConfig,
  UnixConfig,
} from './config.js';
export { createClient } from './create-client.js';
export type { DuplicateOverrides } from './duplicate-config.js';
export { type ClientHealth, formatHealth } from './health.js';
export type { IsolatedClient } from './isolated-client.js';
export type { Pipeline, PipelineResults } from './pipeline.js';
export type { Subscription } from './pubsub/subscription.js';
export type {
  BufferMessageListener,
  BufferPubSubMessage,
  MessageListener,
  PubSubMessage,
  SubscribeOptions,
  SubscriptionKind,
} from './pubsub/types.js';
export type { ScanOptions } from './scan.js';
export { type BoundScript, defineScript, type Script, type ScriptOptions } from './script.js';
export type { StreamConsumer, StreamConsumerOptions, StreamEntry } from './stream-consumer.js';
export type { Transaction, TransactionResults } from './transaction.js';
