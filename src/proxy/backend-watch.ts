/**
 * Half-open detection toward the proxy's backends. Client sessions forward bytes 1:1 and cannot slip a
 * PING into a client's stream, so the proxy keeps one small health-checked connection per node that has
 * sessions: when that connection finds the node silent (no PING reply within the timeout after an idle
 * interval), every session to the node is closed, and its clients reconnect as they would after a reset.
 * Backend and client sockets also get TCP keep-alive (see ClusterSentinelProxyOptions.keepAliveMs).
 */
import type { NodeAddress } from '../address/index.js';
import { formatAddress, NodeConnector } from '../address/index.js';
import type { Connection } from '../connection/index.js';
import type { SlotbridgeError } from '../errors.js';

export interface BackendWatchOptions {
  /** Ms without traffic before the watch connection sends PING. */
  interval: number;
  /** Ms the PING may take. */
  timeout: number;
  username?: string;
  password?: string;
  /** A node stopped answering: close what is paired with it. */
  onHalfOpen: (nodeId: string, error: SlotbridgeError) => void;
}

export class BackendWatch {
  private readonly watched = new Map<string, { target: string; connection: Connection }>();
  private stopped = false;

  /** Opens the watch connections (health-checked, RESP2, the proxy's credentials). */
  private readonly connector: NodeConnector;

  constructor(private readonly options: BackendWatchOptions) {
    this.connector = new NodeConnector({
      protocol: 2,
      healthCheck: { interval: options.interval, timeout: options.timeout },
      connectTimeout: options.interval + options.timeout,
      maxOfflineQueue: 0,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
    });
  }

  /** Starts watching `nodeId` at `target` (idempotent; a new target replaces the old watch). */
  watch(nodeId: string, target: NodeAddress): void {
    if (this.stopped) return;
    const key = formatAddress(target);
    const current = this.watched.get(nodeId);
    if (current?.target === key) return;
    current?.connection.disconnect();
    // `target` is already mapped (the directory's allowed socket target).
    const connection = this.connector.open(target);
    connection.on('error', (error: SlotbridgeError) => {
      if (error.code === 'ERR_HALF_OPEN') this.options.onHalfOpen(nodeId, error);
    });
    connection.connect().catch(() => undefined);
    this.watched.set(nodeId, { target: key, connection });
  }

  /** Nodes watched now. */
  get size(): number {
    return this.watched.size;
  }

  stop(): void {
    this.stopped = true;
    for (const { connection } of this.watched.values()) connection.disconnect();
    this.watched.clear();
  }
}
