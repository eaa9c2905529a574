import { SlotbridgeError } from '../../errors.js';

/** Stable codes of {@link ClusterError}. */
export type ClusterErrorCode =
  /** No configured host accepted a connection (the message lists every host and its failure). */
  | 'ERR_CLUSTER_NO_SEED'
  /** A reachable node did not give a usable topology (CLUSTER SHARDS/SLOTS/NODES all failed). */
  | 'ERR_CLUSTER_TOPOLOGY'
  /** The keys of one command hash to different slots and the command cannot be split. */
  | 'ERR_CLUSTER_CROSSSLOT'
  /** No known node serves the slot of the command. */
  | 'ERR_CLUSTER_SLOT_UNCOVERED'
  /** The command was redirected (or retried) more often than `maxRedirections`. */
  | 'ERR_CLUSTER_MAX_REDIRECTIONS';
// A closed client and a full offline queue are the same failures on every topology: ConnectionError
// ERR_CLIENT_CLOSED and ERR_QUEUE_FULL.

/**
 * A cluster-level failure raised by the client before or after talking to the servers: discovery,
 * routing (CROSSSLOT), redirect limits. Branch on `code`.
 */
export class ClusterError extends SlotbridgeError {
  declare readonly code: ClusterErrorCode;
  /** The nodes a redirected command visited, in order (`host:port`), for ERR_CLUSTER_MAX_REDIRECTIONS. */
  readonly chain: readonly string[];

  constructor(code: ClusterErrorCode, message: string, options?: { cause?: unknown; chain?: string[] }) {
    super(code, message, options);
    this.chain = options?.chain ?? [];
  }
}
