import { eventLoopStalls } from '../connection/event-loop-stall.js';
import type { ConnectionHealth, ConnectionRegistry } from '../connection/index.js';

/** What `client.health()` returns: every open connection of the client and the event loop's state. */
export interface ClientHealth {
  /** One entry per connection the client holds now (data nodes, replicas, sentinels, blocking, pub/sub). */
  connections: ConnectionHealth[];
  /** Sums over the connections. */
  inFlight: number;
  queued: number;
  /**
   * Commands entered through the client and not settled yet (queued + in flight, counted where they enter),
   * and the `maxPending` bound on it; 0 and 0 when the set is read without a client.
   */
  pending: number;
  maxPending: number;
  /** Age in ms of the oldest command still waiting anywhere in the client. */
  oldestPendingMs: number;
  eventLoop: {
    /** Whether the stall monitor runs (only while commands with deadlines are pending). */
    monitoring: boolean;
    /** Ms the loop was blocked in total while monitored, and the longest single stall. */
    blockedMs: number;
    longestStallMs: number;
  };
}

/** The connections of one client, filled by the connections themselves (ConnectionOptions.registry). */
export class ConnectionSet implements ConnectionRegistry {
  private readonly members = new Set<{ health(): ConnectionHealth }>();

  add(connection: { health(): ConnectionHealth }): void {
    this.members.add(connection);
  }

  delete(connection: { health(): ConnectionHealth }): void {
    this.members.delete(connection);
  }

  /** A snapshot: cheap (no command is sent), safe to call from a health endpoint. */
  health(): ClientHealth {
    const connections = [...this.members].map((member) => member.health());
    let inFlight = 0;
    let queued = 0;
    let oldest = 0;
    for (const connection of connections) {
      inFlight += connection.inFlight;
      queued += connection.queued;
      if (connection.oldestPendingMs > oldest) oldest = connection.oldestPendingMs;
    }
    return {
      connections,
      inFlight,
      queued,
      pending: 0,
      maxPending: 0,
      oldestPendingMs: oldest,
      eventLoop: {
        monitoring: eventLoopStalls.active,
        blockedMs: Math.round(eventLoopStalls.total()),
        longestStallMs: Math.round(eventLoopStalls.longestStall),
      },
    };
  }
}

/** The health view as text lines (the doctor prints these). */
export function formatHealth(health: ClientHealth): string[] {
  const lines = [
    `pending: ${health.inFlight} in flight, ${health.queued} queued, oldest ${health.oldestPendingMs} ms`,
    `event loop: blocked ${health.eventLoop.blockedMs} ms in total while commands were pending, longest stall ` +
      `${health.eventLoop.longestStallMs} ms${health.eventLoop.monitoring ? '' : ' (not monitoring: nothing pending)'}`,
  ];
  for (const c of health.connections) {
    const read = c.lastReadAgoMs === undefined ? 'never read' : `last read ${c.lastReadAgoMs} ms ago`;
    lines.push(
      `  ${c.address} ${c.state}${c.serverVersion ? ` (${c.serverVersion})` : ''}: ${c.inFlight} in flight` +
        `${c.unwritten > 0 ? ` (${c.unwritten} unwritten)` : ''}, ${c.queued} queued, oldest ${c.oldestPendingMs} ms, ${read}`,
    );
  }
  return lines;
}
