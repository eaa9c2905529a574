/**
 * Zone-aware reads: read-only commands go to a node in the client's availability zone, as the servers
 * report it (Valkey 8 `availability-zone` config, read from INFO server `availability_zone`; Valkey 8.1+
 * also shows it in HELLO). Keeps cross-zone traffic (cost and latency) down. Shared by the cluster and the
 * sentinel topologies; the connection learns its server's zone (ConnectionOptions.learnZone).
 */

/** `readFrom: { zone, fallback }`: the zone to read from, and where reads go when no node of it is ready. */
export interface ZoneReadFrom {
  /** The availability zone of this client, e.g. `eu-west-1a`. */
  zone: string;
  /**
   * When no ready replica (or primary) of the shard is in `zone`: `'preferReplica'` (default: any ready
   * replica, else the primary) or `'primary'`.
   */
  fallback?: 'preferReplica' | 'primary';
}

export function isZoneReadFrom(value: unknown): value is ZoneReadFrom {
  return typeof value === 'object' && value !== null && typeof (value as ZoneReadFrom).zone === 'string';
}

/** One node a zone choice considers. */
export interface ZoneCandidate<T> {
  readonly item: T;
  readonly role: 'primary' | 'replica';
  readonly healthy: boolean;
  /** `host:port`, for the warning. */
  readonly address: string;
  /** Its connection's state and learned zone (undefined: not learned yet, '': the server reports none). */
  readonly ready: boolean;
  readonly zone: string | undefined;
}

/**
 * The choice: ready replicas in the zone (round robin), then the primary when it is in the zone, then the
 * fallback. A server that reports no zone is said once (`warn`); such nodes never match, so reads go as
 * the fallback (preferReplica by default).
 */
export class ZonePreference {
  private counter = 0;
  private warned = false;

  constructor(
    readonly options: ZoneReadFrom,
    private readonly warn: (message: string) => void,
  ) {}

  /** The chosen candidate's item, or undefined for the primary. */
  choose<T>(candidates: readonly ZoneCandidate<T>[]): T | undefined {
    const zone = this.options.zone;
    const inZone: ZoneCandidate<T>[] = [];
    let primaryInZone = false;
    for (const candidate of candidates) {
      if (candidate.zone === '' && !this.warned) this.warnNoZone(candidate);
      if (!candidate.healthy || !candidate.ready || candidate.zone !== zone) continue;
      if (candidate.role === 'primary') primaryInZone = true;
      else inZone.push(candidate);
    }
    if (inZone.length > 0) return this.roundRobin(inZone).item;
    if (primaryInZone || this.options.fallback === 'primary') return undefined;
    const replicas = candidates.filter((c) => c.role === 'replica' && c.healthy && c.ready);
    return replicas.length > 0 ? this.roundRobin(replicas).item : undefined;
  }

  private roundRobin<T>(list: readonly ZoneCandidate<T>[]): ZoneCandidate<T> {
    this.counter = (this.counter + 1) % 1_000_000;
    return list[this.counter % list.length];
  }

  private warnNoZone(candidate: ZoneCandidate<unknown>): void {
    this.warned = true;
    this.warn(
      `readFrom zone "${this.options.zone}": the server at ${candidate.address} reports no availability zone ` +
        '(set availability-zone in its config; Valkey 8+). Nodes without a zone never match: reads go ' +
        `as ${this.options.fallback ?? 'preferReplica'}. Said once.`,
    );
  }
}

/** Says a zone warning once per process-visible channel: a Node warning with a stable code. */
export function emitZoneWarning(message: string): void {
  process.emitWarning(message, { code: 'SLOTBRIDGE_NO_ZONE' });
}
