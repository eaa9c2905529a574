import { HEALTH_CHECK_DEFAULTS } from '../defaults.js';
import { ConnectionError } from '../errors.js';

/**
 * Idle health check of one connection: detects a peer that stopped answering without closing (a
 * middlebox that dropped the flow, a frozen server, a host gone off the network) on a connection that has
 * nothing in flight, where no command timeout would ever notice.
 */
export interface HealthCheckOptions {
  /** Ms without any byte read after which an idle connection sends PING; 0 turns the check off (default 10 000). */
  interval?: number;
  /** Ms the PING may take before the connection is declared dead and reset (default 5 000). */
  timeout?: number;
}

/** Resolved health check settings; `interval` 0 means off. */
export interface ResolvedHealthCheck {
  interval: number;
  timeout: number;
}

export const DEFAULT_HEALTH_CHECK: ResolvedHealthCheck = HEALTH_CHECK_DEFAULTS;

/** Fills defaults; `false` turns the check off. */
export function resolveHealthCheck(options: HealthCheckOptions | false | undefined): ResolvedHealthCheck {
  if (options === false) return { interval: 0, timeout: 0 };
  return {
    interval: options?.interval ?? DEFAULT_HEALTH_CHECK.interval,
    timeout: options?.timeout ?? DEFAULT_HEALTH_CHECK.timeout,
  };
}

/** What the check needs from its connection, so it stays free of socket details. */
export interface HealthCheckHost {
  readonly address: string;
  /** True when nothing is in flight: a PING now would not queue behind a slow or blocking command. */
  idle(): boolean;
  /** Sends PING on the current socket; the promise settles with its reply or the socket's failure. */
  ping(): Promise<unknown>;
  /** Resets the socket with this error; the connection's re-send and reconnect rules apply. */
  fail(error: ConnectionError): void;
}

/**
 * One timer per ready socket. It fires `interval` ms after the last byte read; if the connection is idle
 * then it sends PING and arms a `timeout` timer. A reply (or any byte) clears it; silence resets the
 * socket with `ERR_HALF_OPEN`. So an idle connection that stops answering is reset at most
 * `interval + timeout` ms after the last byte it received. Busy connections are covered by the command
 * timeout instead (a PING would queue behind the commands, including blocking ones).
 */
export class HealthCheck {
  private lastRead = 0;
  private timer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly onTimerBound = () => this.onTimer();

  constructor(
    private readonly settings: ResolvedHealthCheck,
    private readonly host: HealthCheckHost,
  ) {}

  get enabled(): boolean {
    return this.settings.interval > 0;
  }

  /** Starts watching a socket that just became ready. */
  start(): void {
    if (!this.enabled) return;
    this.stop();
    this.lastRead = performance.now();
    this.arm(this.settings.interval);
  }

  /** Called for every chunk read: the peer is alive. Only a timestamp, to keep the read path cheap. */
  noteRead(now: number): void {
    this.lastRead = now;
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    clearTimeout(this.pingTimer);
    this.timer = undefined;
    this.pingTimer = undefined;
  }

  private arm(delay: number): void {
    this.timer = setTimeout(this.onTimerBound, Math.max(1, Math.ceil(delay)));
    this.timer.unref();
  }

  private onTimer(): void {
    this.timer = undefined;
    const quiet = performance.now() - this.lastRead;
    if (quiet < this.settings.interval) {
      // Traffic since: look again exactly one interval after the last read.
      this.arm(this.settings.interval - quiet);
      return;
    }
    if (!this.host.idle()) {
      // Commands in flight have their own timeouts (and may block on purpose): look again later.
      this.arm(this.settings.interval);
      return;
    }
    const generation = this.generation;
    const sentAt = performance.now();
    this.pingTimer = setTimeout(() => {
      if (generation !== this.generation) return;
      // Replies to earlier commands count as life too: only total silence since the PING is a failure.
      if (this.lastRead >= sentAt) return;
      this.host.fail(
        new ConnectionError(
          'ERR_HALF_OPEN',
          `Connection to ${this.host.address} stopped answering: no reply to PING within ${this.settings.timeout} ms ` +
            `after ${Math.round(quiet)} ms without traffic (the server is frozen or a firewall/NAT dropped the ` +
            'connection without closing it). Reconnecting.',
          this.host.address,
        ),
      );
    }, this.settings.timeout);
    this.pingTimer.unref();
    this.host.ping().then(
      () => {
        if (generation !== this.generation) return;
        clearTimeout(this.pingTimer);
        this.pingTimer = undefined;
        this.arm(this.settings.interval);
      },
      () => undefined,
    );
  }
}
