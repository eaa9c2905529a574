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
  | 'ERR_CLUSTER_MAX_REDIRECTIONS'
  /**
   * A command on a connection held for its state (a WATCH in `isolated()`) was redirected: the slot is
   * migrating or moved, so the state cannot follow. Retryable: run the whole section again.
   */
  | 'ERR_CLUSTER_SLOT_MIGRATING';
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
  /** True when the same operation, started again from the beginning, may succeed (ERR_CLUSTER_SLOT_MIGRATING). */
  readonly retryable: boolean;

  constructor(code: ClusterErrorCode, message: string, options?: { cause?: unknown; chain?: string[] }) {
    super(code, message, options);
    this.chain = options?.chain ?? [];
    this.retryable = code === 'ERR_CLUSTER_SLOT_MIGRATING';
  }
}

/**
 * ERR_CLUSTER_SLOT_MIGRATING: `what` ran on a connection pinned for its state (WATCH) and the node answered
 * with `redirect` (the slot is migrating, or moved): nothing more ran; the caller starts over.
 */
export function slotMigratingError(
  redirect: { kind: string; slot: number; host: string; port: number; message: string },
  what: string,
): ClusterError {
  const migrating = redirect.kind === 'ASK';
  const where = `${redirect.host}:${redirect.port}`;
  return new ClusterError(
    'ERR_CLUSTER_SLOT_MIGRATING',
    `${what} was redirected (${redirect.message}): slot ${redirect.slot} ` +
      (migrating ? `is being migrated to ${where}` : `moved to ${where}`) +
      ', and the WATCHes of an isolated() connection hold only on the node they were sent to. Nothing was ' +
      'written. Retryable: run the isolated() section again' +
      (migrating
        ? ' once the migration completes (a migration moves its keys in seconds to minutes).'
        : ' (the client learnt the new owner; the next section runs there).'),
    { cause: redirect },
  );
}
