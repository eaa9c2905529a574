/**
 * Every error slotbridge raises derives from {@link SlotbridgeError}: a stable `code` to branch on,
 * a `name` matching the class, and a message that names the server and the reason.
 * This module sits below every layer so that all of them can share one hierarchy.
 */

/**
 * What a failure says about the one command it rejected when no reply came: whether the command was ever
 * handed to a socket (then the server may have applied it) and how often it was already sent again after
 * a connection loss. Connections set it on every such rejection; a topology re-sending the command
 * elsewhere decides from this fact (see `mayResend`), never from the error's code.
 */
export interface Delivery {
  /** Handed to a socket at least once: the server may have applied it. */
  readonly written: boolean;
  /** Times it was sent again after a connection loss (counted against `maxRetriesPerCommand`). */
  readonly resends: number;
}

/**
 * Every code slotbridge itself assigns; README's error table lists each with its class (a unit test keeps
 * the two in step).
 */
export type SlotbridgeErrorCode =
  | 'ERR_ABORTED'
  | 'ERR_BACKEND_NOT_ALLOWED'
  | 'ERR_CLIENT_CLOSED'
  | 'ERR_CLUSTER_CROSSSLOT'
  | 'ERR_CLUSTER_DISCOVERY'
  | 'ERR_CLUSTER_MAX_REDIRECTIONS'
  | 'ERR_CLUSTER_NO_SEED'
  | 'ERR_CLUSTER_SLOT_UNCOVERED'
  | 'ERR_CLUSTER_SLOT_MIGRATING'
  | 'ERR_CLUSTER_TOPOLOGY'
  | 'ERR_CONFIG'
  | 'ERR_CONNECT'
  | 'ERR_CONNECTION_CLOSED'
  | 'ERR_CONNECTION_LOST'
  | 'ERR_CREDENTIALS'
  | 'ERR_EXECABORT'
  | 'ERR_HALF_OPEN'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_ISOLATED_RELEASED'
  | 'ERR_LAB'
  | 'ERR_LAB_UNAVAILABLE'
  | 'ERR_NO_MASTER'
  | 'ERR_NODE_RETIRED'
  | 'ERR_NODE_UNREACHABLE'
  | 'ERR_NOT_SUPPORTED'
  | 'ERR_PORT_RANGE_FULL'
  | 'ERR_PORT_TABLE'
  | 'ERR_PORT_TABLE_UNREACHABLE'
  | 'ERR_PENDING_LIMIT'
  | 'ERR_PROTOCOL'
  | 'ERR_QUEUE_FULL'
  | 'ERR_RECONNECT_GAVE_UP'
  | 'ERR_SENTINEL_DISCOVERY'
  | 'ERR_SENTINEL_NO_REPLICA'
  | 'ERR_SENTINEL_NOT_MASTER'
  | 'ERR_SENTINEL_UNKNOWN_MASTER'
  | 'ERR_SENTINEL_UNREACHABLE'
  | 'ERR_SOCKET'
  | 'ERR_TIMEOUT'
  | 'ERR_UNSUPPORTED_COMMAND'
  | 'ERR_USE_SUBSCRIBE_API';

/**
 * A code passed on as it came, documented as such in README: Node's socket and TLS codes
 * (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...) and a server's reply code (`WRONGTYPE`; `WRONGPASS` when it
 * refused the handshake). Typed as a string that keeps the documented codes offered by editors.
 */
export type PassedOnCode = string & Record<never, never>;

/** What `code` may hold on any slotbridge error. */
export type ErrorCode = SlotbridgeErrorCode | PassedOnCode;

/** Base class of every error raised by slotbridge. Branch on `code`, never on the message. */
export class SlotbridgeError extends Error {
  /** Stable machine-readable code, e.g. `ERR_CONNECTION_CLOSED` (see {@link SlotbridgeErrorCode}). */
  readonly code: ErrorCode;
  /**
   * Set when this error rejected one command that got no reply (connection lost or closed, queue full,
   * timed out while queued): whether it was written, see {@link Delivery}.
   */
  declare readonly delivery?: Delivery;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Invalid configuration, URL or argument given by the caller. `field` names the option at fault. */
export class ConfigError extends SlotbridgeError {
  readonly field: string;
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('ERR_CONFIG', `Invalid option "${field}": ${message}`, options);
    this.field = field;
  }
}

/** The byte stream broke the protocol (malformed frame, over a configured limit). The connection is unusable. */
export class ProtocolError extends SlotbridgeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_PROTOCOL', message, options);
  }
}

/** A socket-level failure: refused, reset, closed, unreachable, TLS failure, or the client was closed. */
export class ConnectionError extends SlotbridgeError {
  /** `host:port` or socket path of the server concerned, when known. */
  readonly address: string | undefined;
  constructor(code: ErrorCode, message: string, address?: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.address = address;
  }
}

/** A command or a connect attempt did not complete in time. */
export class TimeoutError extends SlotbridgeError {
  readonly address: string | undefined;
  constructor(message: string, address?: string, options?: { cause?: unknown }) {
    super('ERR_TIMEOUT', message, options);
    this.address = address;
  }
}

/** A command was not sent because the client could not accept it (closed, queue full, not supported). */
export class CommandRejectedError extends SlotbridgeError {}

/** The caller aborted the command with an AbortSignal (`cause`: the signal's reason). */
export class AbortError extends SlotbridgeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_ABORTED', message, options);
  }
}

/**
 * The server refused to run a transaction because a command was rejected while being queued (EXECABORT:
 * wrong arity, unknown command, ACL). Nothing ran. `errors[i]` is the queueing error of entry i, if any.
 */
export class TransactionError extends SlotbridgeError {
  readonly errors: ReadonlyArray<Error | undefined>;
  constructor(message: string, errors: ReadonlyArray<Error | undefined>, options?: { cause?: unknown }) {
    super('ERR_EXECABORT', message, options);
    this.errors = errors;
  }
}

/**
 * A typed command was not sent because the connected server lacks it: its flavor (Redis or Valkey) has no
 * such command, or its version is older than the one that introduced it. `call()` sends any command without
 * this check.
 */
export class UnsupportedCommandError extends CommandRejectedError {
  /** The command, e.g. `LMPOP` or `CLIENT NO-EVICT`. */
  readonly command: string;
  /** The first version of the server's flavor with the command; null when no version of it has it. */
  readonly since: string | null;
  /** Which servers have the command, e.g. `Redis >= 7.4.0` or `Valkey >= 8.0.0`. */
  readonly needs: string;
  /** The server's flavor: `redis` or `valkey`. */
  readonly flavor: 'redis' | 'valkey';
  /** The version the server reported (Valkey's own version on Valkey). */
  readonly serverVersion: string;
  readonly address: string | undefined;
  constructor(
    command: string,
    details: { needs: string; since: string | null; flavor: 'redis' | 'valkey'; serverVersion: string },
    address?: string,
  ) {
    const server = `${details.flavor === 'valkey' ? 'Valkey' : 'Redis'} ${details.serverVersion}`;
    super(
      'ERR_UNSUPPORTED_COMMAND',
      `${command} needs ${details.needs}, but the server${address ? ` at ${address}` : ''} runs ${server}; ` +
        'it was not sent. Use a server that has it, or send it anyway with call().',
    );
    this.command = command;
    this.since = details.since;
    this.needs = details.needs;
    this.flavor = details.flavor;
    this.serverVersion = details.serverVersion;
    this.address = address;
  }
}

/**
 * The `credentials` provider (or `sentinel.credentials`) threw, rejected or returned something that is not
 * `{ username?, password, expiresAt? }`. `provider` names it (the function's name, or `credentials`);
 * `cause` is what it threw.
 */
export class CredentialsError extends ConnectionError {
  readonly provider: string;
  constructor(provider: string, message: string, address?: string, options?: { cause?: unknown }) {
    super('ERR_CREDENTIALS', message, address, options);
    this.provider = provider;
  }
}

/**
 * A command's own deadline passed (`code` ERR_TIMEOUT, like every TimeoutError). It says where the command
 * was (`phase`: queued offline, unwritten, awaiting its reply, or behind `repliesAhead` earlier replies),
 * how long the event loop was blocked meanwhile (`eventLoopBlockedMs`: a blocked process is not the
 * server's fault), and the server (`address`).
 */
export class CommandTimeoutError extends TimeoutError {
  readonly command: string;
  readonly phase: string;
  readonly repliesAhead: number;
  readonly eventLoopBlockedMs: number;
  readonly timeoutMs: number;
  constructor(
    message: string,
    details: {
      command: string;
      phase: string;
      repliesAhead: number;
      eventLoopBlockedMs: number;
      timeoutMs: number;
    },
    address?: string,
  ) {
    super(message, address);
    this.command = details.command;
    this.phase = details.phase;
    this.repliesAhead = details.repliesAhead;
    this.eventLoopBlockedMs = details.eventLoopBlockedMs;
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * `error` as the failure of one command, carrying that command's {@link Delivery}. One failure (a socket
 * that broke) often rejects many commands, each with its own fact: the error is copied (same class, code,
 * message and cause) rather than changed. Errors not raised by slotbridge are returned as they are (their
 * delivery is unknown: treated as written).
 */
export function withDelivery(error: Error, delivery: Delivery): Error {
  if (!(error instanceof SlotbridgeError)) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as SlotbridgeError;
  Object.defineProperties(copy, Object.getOwnPropertyDescriptors(error));
  Object.defineProperty(copy, 'delivery', { value: delivery, enumerable: false, configurable: true });
  return copy;
}

/**
 * The one error for a command issued to (or pending in) a client that was closed, whatever the topology:
 * `ConnectionError` with code `ERR_CLIENT_CLOSED`. `what` names the closed thing (`Connection to host:port`,
 * `The cluster client`, ...), `reason` says which call closed it.
 */
export function clientClosedError(what: string, reason: string, address?: string): ConnectionError {
  return new ConnectionError('ERR_CLIENT_CLOSED', `${what} is closed: ${reason}.`, address);
}
