/**
 * The messages between the primary of a proxy worker group (`slotbridge proxy --workers N`) and its
 * workers, over node:cluster's IPC channel. The primary alone discovers the topology and hands out
 * ports; workers receive the whole table (small: one row per node) and serve client connections on the
 * same ports (node:cluster shares each listening socket among them).
 */
import type { NodeAddress } from '../address/index.js';
import type { MetricsSnapshot } from './metrics.js';
import type { ProxyNode } from './proxy-directory.js';

/** One node as the primary sends it: the directory's row plus where to connect (resolved by the primary). */
export interface NodeRow {
  id: string;
  host: string;
  port: number;
  role: ProxyNode['role'];
  primaryId: string | undefined;
  healthy: boolean;
  proxyPort: number;
  present: boolean;
  /** The backend address the primary resolved (address mapper and allow-list); absent when refused. */
  target?: NodeAddress;
  /** Why there is no target (an error code, e.g. ERR_BACKEND_NOT_ALLOWED). */
  refused?: string;
}

/** The whole table, versioned by the primary's refresh and change counts. */
export interface TableMessage {
  type: 'table';
  /** Answer with a `bound` message carrying this number (0: no answer wanted). */
  seq: number;
  nodes: NodeRow[];
  refreshCount: number;
  changeCount: number;
}

export type PrimaryMessage =
  | TableMessage
  /** The answer to a worker's `refresh`; the table it produced was sent before. */
  | { type: 'refreshed'; seq: number; error?: string }
  | { type: 'metrics'; seq: number }
  /** Bind the entry port and say `ready` (after the first table). */
  | { type: 'start'; seq: number }
  /** Drain and exit. */
  | { type: 'stop' };

export type WorkerMessage =
  /** The worker's IPC handler is set: it can take a table. */
  | { type: 'hello' }
  /** A table was applied; nodes whose port could not be bound, with the error code. */
  | { type: 'bound'; seq: number; failed: Array<{ id: string; code: string }> }
  | { type: 'refresh'; seq: number }
  | { type: 'metrics'; seq: number; snapshot: MetricsSnapshot; connections: number; pending: number }
  | { type: 'ready'; seq: number; error?: string };

/** The IPC channel as the worker sees it (process.send / process.on('message') in a real worker). */
export interface PrimaryLink {
  send(message: WorkerMessage): void;
  onMessage(handler: (message: PrimaryMessage) => void): void;
}

/** Tells a message of this protocol from anything else on the channel (node:cluster's own are objects too). */
export function isProtocolMessage(message: unknown): message is { type: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}
