/**
 * What a read connection's server says of itself, asked on each handshake of that connection: whether a
 * replica is in sync with its primary (ROLE), and the server's availability zone (INFO server) when reads
 * choose by zone. Shared by the cluster and the sentinel topologies.
 *
 * Why ask the server itself: the topology replies lag. CLUSTER SHARDS calls a replica `loading` while
 * the replication offset the answering node has heard of is 0, which on a fresh cluster (or a replica just
 * added) lasts until the first write or replication PING (`repl-ping-replica-period`, 10 s), although
 * the replica is in sync. And a zone learned after the connection is ready comes too late for the reads
 * issued right after connect(). Asking each read connection before connect() resolves makes the read
 * preference hold from the first read.
 */
import { availabilityZoneFromInfo, type Connection } from '../connection/index.js';
import type { RespValue } from '../resp/index.js';

interface Known {
  /** ROLE said `connected` (a replica in sync with its primary); undefined until it answered. */
  synced: boolean | undefined;
  /** INFO server's `availability_zone`; '' when the server reports none; undefined until known. */
  zone: string | undefined;
  /** The latest question, settled when it is answered (or failed). */
  asked: Promise<void> | undefined;
}

/** Per-connection answers, kept as long as the connection object lives. */
export class ReadReadiness {
  private readonly known = new WeakMap<Connection, Known>();

  constructor(
    /** Whether to learn zones (readFrom `{ zone }`). */
    private readonly learnZones: boolean,
  ) {}

  /**
   * Connects `connection`, asks its server (now, and again after every reconnect), and resolves when the
   * first answers are in, when the connection could not be made, or after `boundMs` (then reads go as
   * if the server had not answered): never rejects. `replica`: also ask whether it is in sync (ROLE).
   */
  track(connection: Connection, replica: boolean, boundMs: number): Promise<void> {
    const connected = connection.connect();
    if (!replica && !this.learnZones) return connected.catch(() => undefined);
    let known = this.known.get(connection);
    if (known === undefined) {
      const entry: Known = { synced: undefined, zone: undefined, asked: undefined };
      known = entry;
      this.known.set(connection, entry);
      // A reconnect may reach a server restarted with another zone, or a replica re-syncing: ask again.
      connection.on('ready', () => {
        entry.asked = this.ask(connection, replica, entry);
      });
      if (connection.state === 'ready') entry.asked = this.ask(connection, replica, entry);
    }
    const entry = known;
    // The 'ready' event fires before connect() resolves, so `asked` is set by then.
    const answered = connected.then(
      () => entry.asked,
      () => undefined,
    );
    if (boundMs <= 0) return answered;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, boundMs);
      timer.unref();
    });
    return Promise.race([answered, bound]).finally(() => clearTimeout(timer));
  }

  /** True when the replica behind `connection` said it is in sync; undefined while unknown. */
  synced(connection: Connection | undefined): boolean | undefined {
    return connection === undefined ? undefined : this.known.get(connection)?.synced;
  }

  /** The zone of `connection`'s server: undefined until known, '' when it reports none. */
  zone(connection: Connection | undefined): string | undefined {
    return connection === undefined ? undefined : this.known.get(connection)?.zone;
  }

  private async ask(connection: Connection, replica: boolean, known: Known): Promise<void> {
    const [role, info] = await Promise.all([
      replica ? connection.send(['ROLE']).catch(() => undefined) : undefined,
      this.learnZones ? connection.send(['INFO', 'server']).catch(() => undefined) : undefined,
    ]);
    if (replica) known.synced = replicaInSync(role);
    if (info !== undefined) known.zone = availabilityZoneFromInfo(text(info));
  }
}

/** ROLE of a replica: `[slave, host, port, state, offset]`; `connected` once the initial sync is done. */
function replicaInSync(role: RespValue | undefined): boolean | undefined {
  if (!Array.isArray(role)) return undefined;
  return text(role[0]) === 'slave' && text(role[3]) === 'connected';
}

function text(value: RespValue | undefined): string {
  return Buffer.isBuffer(value) ? value.toString() : String(value);
}
