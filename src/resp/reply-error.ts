/**
 * Error replies (`-` and `!`) parsed once, here: `code` is the first word of the text, and MOVED/ASK
 * redirects carry their slot and endpoint. Nothing else in the project reads an error's message text.
 */
import { SlotbridgeError } from '../errors.js';

/** An error reply sent by the server. `code` is its first word (`ERR`, `WRONGTYPE`, `MOVED`, ...). */
export class ReplyError extends SlotbridgeError {
  constructor(text: string) {
    super(firstWord(text), text);
  }
}

/** The target of a MOVED or ASK redirect. `host` is `''` when the server sent an empty endpoint. */
export interface Redirect {
  readonly kind: 'MOVED' | 'ASK';
  readonly slot: number;
  /** Announced host (IPv4, IPv6 without brackets, or hostname); `''` = the node that answered. */
  readonly host: string;
  readonly port: number;
}

/** A MOVED or ASK reply: `code` is `'MOVED'` or `'ASK'`, and the target is parsed. */
export class RedirectError extends ReplyError implements Redirect {
  readonly kind: 'MOVED' | 'ASK';
  readonly slot: number;
  readonly host: string;
  readonly port: number;

  constructor(text: string, redirect: Redirect) {
    super(text);
    this.kind = redirect.kind;
    this.slot = redirect.slot;
    this.host = redirect.host;
    this.port = redirect.port;
  }
}

const MAX_SLOT = 16383;
const MAX_PORT = 65535;

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  const word = space < 0 ? text : text.slice(0, space);
  return word === '' ? 'ERR' : word;
}

function parseDecimal(text: string, max: number): number {
  if (text.length === 0 || text.length > 5) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n > max ? -1 : n;
}

/**
 * Parses `MOVED <slot> <host>:<port>` or `ASK <slot> <host>:<port>`. Host and port are split on the
 * LAST colon, so unbracketed IPv6 works; brackets (`[::1]:6379`) are removed. An empty host means
 * "the node that sent the redirect" (Redis 7). Returns `undefined` for anything else.
 */
export function parseRedirect(text: string): Redirect | undefined {
  const first = text.indexOf(' ');
  if (first < 0) return undefined;
  const kind = text.slice(0, first);
  if (kind !== 'MOVED' && kind !== 'ASK') return undefined;
  const second = text.indexOf(' ', first + 1);
  if (second < 0) return undefined;
  const slot = parseDecimal(text.slice(first + 1, second), MAX_SLOT);
  if (slot < 0) return undefined;
  let endpoint = text.slice(second + 1);
  const trailing = endpoint.indexOf(' ');
  if (trailing >= 0) endpoint = endpoint.slice(0, trailing);
  const colon = endpoint.lastIndexOf(':');
  if (colon < 0) return undefined;
  const port = parseDecimal(endpoint.slice(colon + 1), MAX_PORT);
  if (port < 0) return undefined;
  let host = endpoint.slice(0, colon);
  if (host.length >= 2 && host.charCodeAt(0) === 0x5b && host.charCodeAt(host.length - 1) === 0x5d) {
    host = host.slice(1, -1);
  }
  return { kind, slot, host, port };
}

/**
 * Builds the error value for an error reply: a {@link RedirectError} for a well-formed MOVED/ASK,
 * otherwise a {@link ReplyError}.
 */
export function createReplyError(text: string): ReplyError {
  const c = text.charCodeAt(0);
  if (c === 0x4d /* M */ || c === 0x41 /* A */) {
    const redirect = parseRedirect(text);
    if (redirect !== undefined) return new RedirectError(text, redirect);
  }
  return new ReplyError(text);
}

/** True when `err` is a parsed MOVED or ASK redirect. */
export function isRedirect(err: unknown): err is RedirectError {
  return err instanceof RedirectError;
}
