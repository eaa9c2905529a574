/**
 * When the cluster's view is refreshed: on demand (coalesced, one refresh at a time), soon after trouble
 * (at most one per {@link MIN_REFRESH_GAP_MS}), periodically, and over and over while the cluster is
 * degraded (a primary unreachable or slots uncovered) until it settles.
 */

const MIN_REFRESH_GAP_MS = 100;
const DEGRADED_REFRESH_MS = 250;
/**
 * For the first {@link FAST_DEGRADED_WINDOW_MS} of a degraded state the view is asked for every
 * {@link FAST_DEGRADED_REFRESH_MS}: a promotion is seen within ~0.1 s of the server's own failover
 * (most of the node-timeout + 2 s budget is the server's detection and election); a shard that stays
 * down is then polled at the slower pace.
 */
const FAST_DEGRADED_REFRESH_MS = 100;
const FAST_DEGRADED_WINDOW_MS = 5_000;

export interface RefreshSchedulerHost {
  /** One refresh: ask the nodes, apply the view. */
  run(): Promise<void>;
  isClosed(): boolean;
  /** Ready to serve: background refreshes are scheduled only then. */
  isReady(): boolean;
  /** True while degraded, false when healthy, undefined when there is no view to judge. */
  isDegraded(): boolean | undefined;
  /** A background refresh failed. */
  onError(error: unknown): void;
}

export class RefreshScheduler {
  private refreshing: Promise<void> | undefined;
  private lastRefresh = 0;
  /** performance.now() when the current degraded state began; undefined while healthy. */
  private degradedSince: number | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: RefreshSchedulerHost) {}

  /** The refresh running now, if any. */
  get inFlight(): Promise<void> | undefined {
    return this.refreshing;
  }

  /** Refreshes now (coalesced: one refresh at a time). */
  refresh(): Promise<void> {
    if (this.host.isClosed()) return Promise.resolve();
    this.refreshing ??= this.host.run().finally(() => {
      this.refreshing = undefined;
      this.lastRefresh = performance.now();
      this.scheduleIfDegraded();
    });
    return this.refreshing;
  }

  /** Requests a background refresh, at most one per {@link MIN_REFRESH_GAP_MS}. */
  soon(delay = 0): void {
    if (
      this.host.isClosed() ||
      !this.host.isReady() ||
      this.refreshing !== undefined ||
      this.soonTimer !== undefined
    )
      return;
    const wait = Math.max(delay, this.lastRefresh + MIN_REFRESH_GAP_MS - performance.now());
    this.soonTimer = setTimeout(
      () => {
        this.soonTimer = undefined;
        this.refresh().catch((error: unknown) => this.host.onError(error));
      },
      Math.max(0, wait),
    );
    this.soonTimer.unref();
  }

  /** Periodic refresh every `interval` ms; 0 or less: none. */
  start(interval: number): void {
    if (interval <= 0) return;
    this.refreshTimer = setInterval(() => this.soon(), interval);
    this.refreshTimer.unref();
  }

  stop(): void {
    clearInterval(this.refreshTimer);
    clearTimeout(this.soonTimer);
  }

  /** While a primary is unreachable or slots are uncovered, keep refreshing until the cluster settles. */
  private scheduleIfDegraded(): void {
    if (this.host.isClosed()) return;
    const degraded = this.host.isDegraded();
    if (degraded === undefined) return;
    if (!degraded) {
      this.degradedSince = undefined;
      return;
    }
    const now = performance.now();
    this.degradedSince ??= now;
    this.soon(
      now - this.degradedSince < FAST_DEGRADED_WINDOW_MS ? FAST_DEGRADED_REFRESH_MS : DEGRADED_REFRESH_MS,
    );
  }
}
