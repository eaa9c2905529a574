export { commandName } from './command-arguments.js';
export { CommandQueue } from './command-queue.js';
export { Connection, type ConnectionState, type SendOptions } from './connection.js';
export type {
  ConnectionHealth,
  ConnectionRegistry,
  TimeoutDetails,
  TimeoutPhase,
} from './connection-health.js';
export type { Credentials, CredentialsProvider } from './credentials.js';
export { eventLoopStalls } from './event-loop-stall.js';
export { DEFAULT_HEALTH_CHECK, type HealthCheckOptions } from './health-check.js';
export { OfflineQueue, type QueuedCommand, type QueueOwner } from './offline-queue.js';
export {
  type ConnectionOptions,
  describeAddress,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
} from './options.js';
export type { CommandRecovery, SettleListener } from './pending-command.js';
export {
  type ConfirmKind,
  pushKind,
  ServerSubscriptions,
  type SubscriptionKind,
  subscriptionKindOf,
} from './pubsub-frames.js';
export { type ReconnectAttempt, ReconnectLoop } from './reconnect-loop.js';
export { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from './reconnect-policy.js';
export { mayResend, NOT_WRITTEN } from './resend-policy.js';
export { availabilityZoneFromInfo, type ServerInfo } from './server-info.js';
