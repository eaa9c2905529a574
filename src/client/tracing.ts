import diagnostics from 'node:diagnostics_channel';
import type { RespArg } from '../resp/index.js';

/** The context of one traced command: what a subscriber of {@link commandTracing} receives. */
export interface CommandTraceContext {
  args: readonly RespArg[];
  /**
   * The client that sent it: its config names the database, its kind the topology, and for `standalone`
   * and `unix` the one server every command goes to.
   */
  client: {
    readonly kind: string;
    readonly config: { db?: number; host?: string; port?: number; path?: string };
  };
  /** Set by the tracing channel: the reply or the error. */
  result?: unknown;
  error?: unknown;
}

/**
 * `slotbridge:client:command` tracing channel (start, end, asyncStart, asyncEnd, error) around every
 * command a client sends; only used while someone subscribes (see `enableOpenTelemetry`).
 */
export const commandTracing = diagnostics.tracingChannel<'slotbridge:client:command', CommandTraceContext>(
  'slotbridge:client:command',
);
