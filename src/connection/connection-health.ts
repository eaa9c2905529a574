/** A live view of one connection: what `client.health()` lists and the doctor prints. */
export interface ConnectionHealth {
  /** `host:port` or socket path. */
  address: string;
  state: string;
  /** Server version from the handshake, when known. */
  serverVersion: string | undefined;
  /** Commands written (or being written) and awaiting their replies. */
  inFlight: number;
  /** Of those, commands not yet handed to the socket (back-pressure). */
  unwritten: number;
  /** Commands queued while the connection is not ready. */
  queued: number;
  /** Age in ms of the oldest command awaiting a reply or queued, 0 when none. */
  oldestPendingMs: number;
  /** Ms since the last byte was read from this socket; undefined before the first. */
  lastReadAgoMs: number | undefined;
}

/** Where connections announce themselves, so a client can list every one it opened (`client.health()`). */
export interface ConnectionRegistry {
  add(connection: { health(): ConnectionHealth }): void;
  delete(connection: { health(): ConnectionHealth }): void;
}

/** Why a command timed out: where it was when its deadline passed. */
export type TimeoutPhase =
  /** Queued because the connection was not ready (connecting, reconnecting). */
  | 'queued'
  /** Accepted but not yet handed to the socket (the socket was not draining). */
  | 'unwritten'
  /** Written; the server's reply did not come (it is the oldest command awaiting one). */
  | 'awaiting-reply'
  /** Written, but `repliesAhead` earlier commands on the same connection had not been answered either. */
  | 'behind-earlier-replies';

/** The facts a command timeout carries (see CommandTimeoutError). */
export interface TimeoutDetails {
  phase: TimeoutPhase;
  /** Earlier commands on the same connection still awaiting their replies. */
  repliesAhead: number;
  /** Ms the event loop was blocked while the command waited: high means the process, not the server, was slow. */
  eventLoopBlockedMs: number;
  /** Connection state when it timed out. */
  connectionState: string;
}

/** The human sentence for a phase, as timeout messages and the doctor print it. */
export function describePhase(details: TimeoutDetails): string {
  switch (details.phase) {
    case 'queued':
      return `queued while waiting for the connection (it was ${details.connectionState}; never sent)`;
    case 'unwritten':
      return 'accepted but not yet written (the socket was not draining)';
    case 'awaiting-reply':
      return 'written and awaiting its reply';
    case 'behind-earlier-replies':
      return `written, waiting behind ${details.repliesAhead} earlier repl${details.repliesAhead === 1 ? 'y' : 'ies'} on the connection`;
  }
}
