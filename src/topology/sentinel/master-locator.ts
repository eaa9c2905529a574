/**
 * Finding the master a sentinel setup names, apart from serving commands: the seed's steps 3-5 (ask
 * the sentinels, map the address, connect) then ROLE, rediscovering a bounded number of times while the
 * node named does not say master. Hints short-cut the sentinels: a +switch-master event names the new
 * master, and a failover leader's +selected-slave names the replica about to be promoted, which is then
 * polled for ROLE master (the failover hold) instead of asking the sentinels.
 */
import {
  explainConnectFailure,
  formatAddress,
  type NodeAddress,
  type NodeConnector,
} from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import type { RespValue } from '../../resp/index.js';
import { DATA_NODE_CONNECTION, type MasterLocation, type SentinelClient } from './sentinel-client.js';
import { SentinelError } from './sentinel-errors.js';
import { isMasterRole } from './sentinel-replies.js';

/** How long a replica the failover leader selected is polled for ROLE master before asking the sentinels. */
const PROMOTION_WAIT_MS = 3_000;
/** Pause between those ROLE polls. */
const PROMOTION_POLL_MS = 10;

export interface MasterLocatorOptions {
  /** The monitored master's name. */
  readonly name: string;
  /** Opens the data-node connection (node credentials, TLS, the mapping's servername). */
  readonly nodes: NodeConnector;
  /** Discoveries in a row whose node does not answer ROLE master before giving up. */
  readonly roleCheckAttempts: number;
  /** Ms between those discoveries. */
  readonly roleCheckDelay: number;
  /** True once the topology is closing: every wait ends. */
  readonly isClosing: () => boolean;
}

export class MasterLocator {
  private hint: MasterLocation | undefined;
  /** A hint still being mapped (the replica a failover leader selected). */
  private pendingHint: Promise<MasterLocation> | undefined;
  /** The failover leader aborted the failover the current hold waits for. */
  private promotionAborted = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: SentinelClient,
    private readonly options: MasterLocatorOptions,
  ) {}

  /** Steps 3-5 of the seed, then ROLE: bounded rediscovery while the named node is not (yet) a master. */
  async locate(): Promise<{ connection: Connection; location: MasterLocation }> {
    const { name, roleCheckAttempts } = this.options;
    const tried: string[] = [];
    for (let round = 1; ; round++) {
      const location = (await this.takeHint()) ?? (await this.client.discoverMaster());
      const label = describeLocation(location);
      tried.push(label);
      const connection = this.options.nodes.open(location.target, DATA_NODE_CONNECTION);
      connection.on('error', () => {});
      try {
        await connection.connect();
      } catch (error) {
        // The selected replica refused or dropped the connection mid-promotion (the leader kills its
        // clients): keep holding and poll it again. Failing here made the topology ask the sentinels,
        // which still named the old master, and writes went there after the replica detached (lost).
        if (
          location.awaitPromotionUntil !== undefined &&
          this.promotionPending(location.awaitPromotionUntil)
        ) {
          this.hint = location;
          tried.pop();
          round--;
          await this.sleep(PROMOTION_POLL_MS);
          continue;
        }
        throw unreachable(location, error as Error);
      }
      let role = await roleOf(connection);
      if (location.awaitPromotionUntil !== undefined) {
        role = await this.awaitPromotion(connection, role, location.awaitPromotionUntil);
      }
      if (!(role instanceof Error) && isMasterRole(role)) return { connection, location };
      connection.disconnect();
      if (location.awaitPromotionUntil !== undefined) {
        // The leader kills the replica's clients when it promotes it (CLIENT KILL TYPE normal): poll again
        // on a new connection while the hold lasts. Not promoted in time, or the failover was aborted:
        // ask the sentinels. Neither counts as a round.
        if (this.promotionPending(location.awaitPromotionUntil)) this.hint = location;
        round--;
        tried.pop();
        continue;
      }
      if (round >= roleCheckAttempts) {
        throw new SentinelError(
          'ERR_SENTINEL_NOT_MASTER',
          name,
          tried,
          `The sentinels name ${tried.join(', ')} as master of "${name}", but it answered ROLE with ` +
            `${describeRole(role)} ${round} time(s) in a row: the sentinels may be stale or a failover is stuck.`,
        );
      }
      if (this.hint === undefined) await this.sleep(this.options.roleCheckDelay);
    }
  }

  /** The next {@link locate} tries `location` first (an event named it); a wait in progress ends. */
  hintNext(location: MasterLocation): void {
    this.hint = location;
    this.wake?.();
  }

  /**
   * The failover leader selected the replica at `announced` (notice from sentinel `from`): the next
   * {@link locate} polls it for ROLE master for up to {@link PROMOTION_WAIT_MS} before asking the sentinels.
   */
  expectPromotion(announced: NodeAddress, from: string): void {
    const until = performance.now() + PROMOTION_WAIT_MS;
    this.promotionAborted = false;
    const pending = this.client
      .map(announced, 'failover-event', from, 'master')
      .then(({ target, nodeId }) => {
        const location: MasterLocation = {
          announced,
          target,
          announcedBy: `+selected-slave from ${from}`,
          source: 'failover-event',
          awaitPromotionUntil: until,
        };
        if (nodeId !== undefined) location.nodeId = nodeId;
        return location;
      });
    pending.catch(() => undefined);
    this.pendingHint = pending;
  }

  /** The failover the hold waits for was aborted: stop polling the selected replica. */
  abortPromotion(): void {
    this.promotionAborted = true;
    this.wake?.();
  }

  /** Ends the current {@link sleep} early. */
  wakeUp(): void {
    this.wake?.();
  }

  /** Waits `ms`, or less when woken (a hint arrived, closing). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async takeHint(): Promise<MasterLocation | undefined> {
    const hint = this.hint;
    this.hint = undefined;
    if (hint !== undefined) return hint;
    const pending = this.pendingHint;
    this.pendingHint = undefined;
    return pending?.catch(() => undefined);
  }

  /** Polls ROLE on the replica the failover leader selected until it says master (or the hold ends). */
  private async awaitPromotion(
    connection: Connection,
    role: RespValue | Error,
    until: number,
  ): Promise<RespValue | Error> {
    let current = role;
    while (
      (current instanceof Error || !isMasterRole(current)) &&
      connection.state !== 'closed' &&
      this.promotionPending(until)
    ) {
      await this.sleep(PROMOTION_POLL_MS);
      current = await roleOf(connection);
    }
    return current;
  }

  /** Still holding for a promotion: in time, not aborted, no newer news, not closing. */
  private promotionPending(until: number): boolean {
    return (
      performance.now() < until &&
      !this.promotionAborted &&
      this.hint === undefined &&
      !this.options.isClosing()
    );
  }
}

/**
 * The master the sentinels named could not be reached: a socket-level failure before the first handshake
 * is explained as an unreachable announced address (UnreachableNodeError); other failures (credentials,
 * TLS verification) are passed on as they are.
 */
function unreachable(location: MasterLocation, error: Error): Error {
  return explainConnectFailure(error, {
    announced: location.announced,
    target: { host: location.target.host, port: location.target.port },
    source: location.source,
    announcedBy: location.announcedBy,
    role: 'master',
    ...(location.nodeId === undefined ? {} : { nodeId: location.nodeId }),
  });
}

function roleOf(connection: Connection): Promise<RespValue | Error> {
  return connection.send(['ROLE'], { timeout: 5_000 }).catch((error: Error) => error);
}

function describeLocation(location: MasterLocation): string {
  const announced = formatAddress(location.announced);
  const target = formatAddress(location.target);
  return announced === target ? announced : `${announced} (mapped to ${target})`;
}

function describeRole(role: RespValue | Error): string {
  if (role instanceof Error) return `an error (${role.message})`;
  if (Array.isArray(role) && typeof role[0] === 'string') return `"${role[0]}"`;
  return 'an unexpected reply';
}
