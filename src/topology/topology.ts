import type { EventEmitter } from 'node:events';
import type { SendOptions } from '../connection/index.js';
import type { RespArg, RespValue } from '../resp/index.js';

/**
 * The one contract between the public client and a topology (single server, cluster, sentinel):
 * dispatch a command and get its reply. Routing, redirects and failover stay behind it.
 *
 * Events a topology emits: `connect`, `ready`, `error` (only when a listener exists), `reconnecting`, `end`.
 */
export interface Topology extends EventEmitter {
  /** `standalone`, `unix`, `cluster` or `sentinel`. */
  readonly kind: string;
  /** Version of the server(s) behind it (the lowest one for several), once known. */
  readonly serverVersion?: string | undefined;
  /** Resolves once commands can be served; rejects with the reason the first attempt failed. */
  connect(): Promise<void>;
  /** Routes and sends one command. */
  dispatch(args: readonly RespArg[], options?: SendOptions): Promise<RespValue>;
  /** Graceful close: pending commands get their replies first. */
  quit(): Promise<void>;
  /** Immediate close: pending commands are rejected. */
  disconnect(): void;
}
