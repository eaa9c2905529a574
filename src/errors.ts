/**
 * Every error slotbridge raises derives from {@link SlotbridgeError}: a stable `code` to branch on,
 * a `name` matching the class, and a message that names the server and the reason.
 * This module sits below every layer so that all of them can share one hierarchy.
 */

/** Base class of every error raised by slotbridge. Branch on `code`, never on the message. */
export class SlotbridgeError extends Error {
  /** Stable machine-readable code, e.g. `ERR_CONNECTION_CLOSED`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
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
  constructor(code: string, message: string, address?: string, options?: { cause?: unknown }) {
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
 * A typed command was not sent because the connected server is older than the version that introduced it
 * (the spec's `since`). `call()` sends any command without this check.
 */
export class UnsupportedCommandError extends CommandRejectedError {
  /** The command, e.g. `LMPOP` or `CLIENT NO-EVICT`. */
  readonly command: string;
  /** The first server version with the command. */
  readonly since: string;
  /** The version the server reported. */
  readonly serverVersion: string;
  readonly address: string | undefined;
  constructor(command: string, since: string, serverVersion: string, address?: string) {
    super(
      'ERR_UNSUPPORTED_COMMAND',
      `${command} needs Redis ${since} or newer, but the server${address ? ` at ${address}` : ''} runs ` +
        `${serverVersion}; it was not sent. Upgrade the server, or send it anyway with call().`,
    );
    this.command = command;
    this.since = since;
    this.serverVersion = serverVersion;
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
