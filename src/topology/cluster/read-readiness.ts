/**
 * The cluster's side of read readiness (../read-readiness.ts): which replicas are readable now and what
 * zone each node is in, from what the nodes said of themselves on connecting, for the read preference.
 */
import type { Connection } from '../../connection/index.js';
import { ReadReadiness } from '../read-readiness.js';
import type { ConnectionLookup } from './read-from.js';
import type { NodeEntry } from './slot-map.js';

export class ClusterReadReadiness {
  private readonly answers: ReadReadiness;

  constructor(
    learnZones: boolean,
    /** How long connecting waits for a node's answers (connectTimeout): then reads fall back. */
    private readonly boundMs: number,
    /** The pool's connection to the node announced at `key` (its read-only one for replicas). */
    private readonly peek: (key: string, readOnly: boolean) => Connection | undefined,
  ) {
    this.answers = new ReadReadiness(learnZones);
  }

  /** Connects, then asks the server (ROLE for a replica, its zone when zones are on). Never rejects. */
  track(connection: Connection, readOnly: boolean): Promise<void> {
    return this.answers.track(connection, readOnly, this.boundMs);
  }

  /**
   * The view's health, except a replica the view calls `loading` whose own ROLE said it is in sync: the
   * view only lags there (see ClusterNodeInfo.loading).
   */
  readonly healthy = (node: NodeEntry): boolean =>
    node.healthy || (node.loading === true && this.answers.synced(this.peek(node.key, true)) === true);

  /** A node's connection state and zone, for `readFrom: { zone }`. */
  readonly lookup: ConnectionLookup = (address, readOnly) => {
    const connection = this.peek(address, readOnly);
    if (connection === undefined) return undefined;
    return { ready: connection.state === 'ready', zone: this.answers.zone(connection) };
  };
}
