/**
 * The directory of a proxy worker (`--workers N`): a copy of the primary's table, never its own
 * discovery. Tables arrive whole from the primary and are applied in order; nodes are updated in place
 * (sessions hold them), a node with a new port is a new row whose port is bound (the `onNewNode` hook)
 * before the primary is told `bound`. A refresh (a reply named a node the worker does not know) asks the
 * primary, which refreshes once for the whole group, sends every worker the new table, then answers.
 * Backend targets are resolved by the primary (address mapper and allow-list) and sent with the table.
 */
import type { NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { ConnectionError } from '../errors.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import type { NodeRow, PrimaryLink, PrimaryMessage, TableMessage } from './worker-protocol.js';

export interface WorkerDirectoryOptions {
  link: PrimaryLink;
  /** Bind the port of a node that is new to this worker (or whose port changed); throws on failure. */
  onNewNode: (node: ProxyNode) => Promise<void>;
  /** A node left the topology: close its clients. */
  onNodeGone: (node: ProxyNode) => void;
  /** A connection to a node whose address the primary refused. */
  onRefused: () => void;
}

export class WorkerDirectory implements ProxyDirectory {
  refreshCount = 0;
  changeCount = 0;
  private readonly nodes = new Map<string, ProxyNode>();
  private readonly rows = new Map<string, NodeRow>();
  private byAddress = new Map<string, ProxyNode>();
  /** Nodes whose port this worker could not bind yet (tried again with the next table). */
  private readonly unbound = new Set<string>();
  /** Tables are applied one after another (binding is asynchronous). */
  private applying: Promise<void> = Promise.resolve();
  private inflight: Promise<void> | undefined;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  /** A worker owns no table: the group primary's rows arrive as messages. */
  readonly ports = undefined;

  constructor(private readonly options: WorkerDirectoryOptions) {}

  /** Nothing to close: the link to the primary is the group's. */
  close(): void {}

  /** Takes the primary's `table` and `refreshed` messages (others are the proxy's). */
  handle(message: PrimaryMessage): void {
    if (message.type === 'table') {
      this.applying = this.applying.then(() => this.apply(message));
    } else if (message.type === 'refreshed') {
      const waiter = this.waiting.get(message.seq);
      this.waiting.delete(message.seq);
      // Resolved once the table sent before this answer is applied (its ports bound).
      this.applying = this.applying.then(() => {
        if (message.error === undefined) waiter?.resolve();
        else waiter?.reject(new ConnectionError('ERR_CLUSTER_DISCOVERY', message.error));
      });
    }
  }

  /** Resolves once every table received so far is applied. */
  settled(): Promise<void> {
    return this.applying;
  }

  list(): ProxyNode[] {
    return [...this.nodes.values()];
  }

  byId(id: string): ProxyNode | undefined {
    return this.nodes.get(id);
  }

  byAnnounced(host: string, port: number): ProxyNode | undefined {
    return this.byAddress.get(formatAddress({ host, port }));
  }

  async target(node: ProxyNode): Promise<NodeAddress> {
    const row = this.rows.get(node.id);
    if (row?.target !== undefined) return row.target;
    this.options.onRefused();
    throw new ConnectionError(
      row?.refused ?? 'ERR_BACKEND_NOT_ALLOWED',
      'the node address is outside the backend allow-list',
    );
  }

  /** Asks the primary; concurrent calls share one request. */
  refresh(): Promise<void> {
    if (this.inflight === undefined) {
      const seq = ++this.seq;
      this.inflight = new Promise<void>((resolve, reject) => {
        this.waiting.set(seq, { resolve, reject });
        this.options.link.send({ type: 'refresh', seq });
      }).finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Ports are the primary's to give: a port this worker cannot bind is reported in `bound`. */
  rebind(): ProxyNode | undefined {
    return undefined;
  }

  private async apply(message: TableMessage): Promise<void> {
    const fresh: ProxyNode[] = [];
    const gone: ProxyNode[] = [];
    for (const row of message.nodes) {
      this.rows.set(row.id, row);
      const known = this.nodes.get(row.id);
      if (known !== undefined && known.proxyPort === row.proxyPort) {
        if (known.present && !row.present) gone.push(known);
        known.host = row.host;
        known.port = row.port;
        known.role = row.role;
        known.primaryId = row.primaryId;
        known.healthy = row.healthy;
        known.present = row.present;
        continue;
      }
      const node: ProxyNode = {
        id: row.id,
        host: row.host,
        port: row.port,
        role: row.role,
        primaryId: row.primaryId,
        healthy: row.healthy,
        proxyPort: row.proxyPort,
        present: row.present,
      };
      this.nodes.set(row.id, node);
      fresh.push(node);
    }
    const byAddress = new Map<string, ProxyNode>();
    for (const node of this.nodes.values()) byAddress.set(formatAddress(node), node);
    this.byAddress = byAddress;
    this.refreshCount = message.refreshCount;
    this.changeCount = message.changeCount;
    for (const id of this.unbound) {
      const node = this.nodes.get(id);
      if (node !== undefined && !fresh.includes(node)) fresh.push(node);
    }
    const failed: Array<{ id: string; code: string }> = [];
    for (const node of fresh) {
      try {
        await this.options.onNewNode(node);
        this.unbound.delete(node.id);
      } catch (error) {
        this.unbound.add(node.id);
        failed.push({ id: node.id, code: (error as NodeJS.ErrnoException).code ?? String(error) });
      }
    }
    for (const node of gone) this.options.onNodeGone(node);
    if (message.seq !== 0) this.options.link.send({ type: 'bound', seq: message.seq, failed });
  }
}
