/**
 * Finding the cluster and keeping its view current, apart from routing: the seed procedure (try each
 * configured host until one accepts and describes the cluster), and the refresh that asks several
 * known nodes at once and keeps the view most of them hold (topology agreement, view-agreement.ts).
 * It produces views; applying one (slot map, connections) is the topology's job.
 */
import {
  type AddressSource,
  formatAddress,
  type NodeAddress,
  type NodeConnector,
} from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import { ClusterError } from './cluster-error.js';
import type { ClusterView } from './cluster-view.js';
import { type NodeEntry, nodeEntry, type SlotMap } from './slot-map.js';
import { chooseView, ownershipKey, type ViewAnswer } from './view-agreement.js';
import { fetchClusterView, VIEW_SOURCES, VIEW_TIMEOUT_MS, type ViewCommand } from './view-fetch.js';

/** Nodes asked per refresh round: the view most of them hold wins (topology agreement). */
const AGREEMENT_SIZE = 3;

/** Payload of the topology's `disagreement` event. */
export interface Disagreement {
  /** The node whose view was applied. */
  readonly chosen: string;
  /** How many answers held the chosen ownership. */
  readonly votes: number;
  readonly answers: number;
}

export interface ClusterDiscoveryOptions {
  /** Seed hosts, tried in order until one accepts. */
  readonly seeds: NodeAddress[];
  /** Opens every connection discovery uses (mapping, TLS servername, credentials). */
  readonly connector: NodeConnector;
  /** Use announced hostnames instead of IPs when present. */
  readonly preferHostname: boolean;
}

/** What discovery needs to know of the topology that uses it. */
export interface ClusterDiscoveryHost {
  /** The pooled (primary) connection to `node`, if one exists. */
  pooled(node: NodeEntry): Connection | undefined;
  isClosed(): boolean;
  /** The nodes asked by a refresh held different slot ownerships. */
  onDisagreement(disagreement: Disagreement): void;
}

export class ClusterDiscovery {
  /** The command that gave the last view: every later ask uses it (one cluster, one version). */
  private viewCommand: ViewCommand | undefined;
  private answeredByValue: NodeAddress | undefined;

  constructor(
    private readonly options: ClusterDiscoveryOptions,
    private readonly host: ClusterDiscoveryHost,
  ) {}

  /** Which reply the current view's addresses came from. */
  viewSource(): AddressSource {
    return VIEW_SOURCES[this.viewCommand ?? 'SHARDS'];
  }

  /** The node whose reply gave the current view: named when explaining an unreachable node. */
  get answeredBy(): NodeAddress | undefined {
    return this.answeredByValue;
  }

  /**
   * The seed procedure: the view of the first configured host that accepts a connection. A host that
   * accepts but gives no view fails the discovery (it is not a cluster node); none accepts:
   * ERR_CLUSTER_NO_SEED listing every host and why.
   */
  async fromSeeds(): Promise<ClusterView> {
    const { seeds, connector } = this.options;
    const failures: string[] = [];
    for (const seed of seeds) {
      const label = formatAddress(seed);
      let connection: Connection | undefined;
      try {
        ({ connection } = await connector.openAnnounced(seed, { source: 'config' }, { reconnect: false }));
        await connection.connect();
      } catch (error) {
        connection?.disconnect();
        failures.push(`${label}: ${(error as Error).message}`);
        continue;
      }
      try {
        return await this.fetchView(connection, seed);
      } finally {
        connection.quit().catch(() => undefined);
      }
    }
    throw new ClusterError(
      'ERR_CLUSTER_NO_SEED',
      `Could not connect to any of the ${seeds.length} configured cluster host(s) (cluster.hosts): ` +
        `${failures.join('; ')}. Check that at least one address is reachable from here and runs a cluster node.`,
    );
  }

  /**
   * Asks up to {@link AGREEMENT_SIZE} nodes at once and returns the view most of them hold (see
   * {@link chooseView}); stops waiting as soon as a majority of the batch agrees. Batches go on down the
   * candidate list until some node answers. Undefined when the topology closed meanwhile.
   */
  async refreshView(current: SlotMap | undefined): Promise<ClusterView | undefined> {
    const errors: string[] = [];
    const candidates = this.refreshCandidates(current);
    for (let i = 0; i < candidates.length; i += AGREEMENT_SIZE) {
      const answers = await this.collectViews(candidates.slice(i, i + AGREEMENT_SIZE), errors);
      if (this.host.isClosed()) return undefined;
      if (answers.length === 0) continue;
      const choice = chooseView(answers);
      if (choice.distinct > 1) {
        this.host.onDisagreement({
          chosen: choice.chosen.from,
          votes: choice.votes,
          answers: answers.length,
        });
      }
      return choice.chosen.view;
    }
    throw new ClusterError(
      'ERR_CLUSTER_TOPOLOGY',
      `Could not refresh the cluster topology from any known node: ${errors.join('; ')}`,
    );
  }

  /** Asks one node for the topology, with the best command it supports (view-fetch.ts). */
  private async fetchView(connection: Connection, answeredBy: NodeAddress): Promise<ClusterView> {
    const { view, command } = await fetchClusterView(connection, answeredBy, {
      command: this.viewCommand,
      preferHostname: this.options.preferHostname,
      tls: Boolean(this.options.connector.base.tls),
    });
    this.viewCommand = command;
    this.answeredByValue = answeredBy;
    return view;
  }

  /** The views of `nodes`, asked concurrently; resolves once all answered or failed, or a majority agrees. */
  private collectViews(nodes: NodeEntry[], errors: string[]): Promise<ViewAnswer[]> {
    return new Promise((resolve) => {
      const answers: ViewAnswer[] = [];
      const votes = new Map<string, number>();
      let settled = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve([...answers]);
      };
      for (const node of nodes) {
        this.viewFrom(node)
          .then(
            (view) => {
              if (done) return;
              const key = ownershipKey(view);
              if (key === '') {
                // A node that knows no slot owner (just added, reset): no vote.
                errors.push(`${node.key}: its view assigns no slot`);
                return;
              }
              answers.push({ from: node.key, view });
              const count = (votes.get(key) ?? 0) + 1;
              votes.set(key, count);
              if (count > nodes.length / 2) finish();
            },
            (error: unknown) => {
              errors.push(`${node.key}: ${(error as Error).message}`);
            },
          )
          .finally(() => {
            settled++;
            if (settled === nodes.length) finish();
          });
      }
    });
  }

  /** One node's view, over its pooled connection when ready, else over a short-lived one. */
  private async viewFrom(node: NodeEntry): Promise<ClusterView> {
    const existing = this.host.pooled(node);
    if (existing !== undefined && existing.state === 'ready') return this.fetchView(existing, node);
    const { connector } = this.options;
    const { connection } = await connector.openAnnounced(
      node,
      { source: this.viewSource(), nodeId: node.id },
      {
        reconnect: false,
        connectTimeout: Math.min(connector.base.connectTimeout ?? VIEW_TIMEOUT_MS, VIEW_TIMEOUT_MS),
      },
    );
    try {
      await connection.connect();
      return await this.fetchView(connection, node);
    } finally {
      connection.disconnect();
    }
  }

  /** Ready primaries first (shuffled), then every other known node, then the configured seeds. */
  private refreshCandidates(current: SlotMap | undefined): NodeEntry[] {
    const known = current?.allNodes() ?? [];
    const ready: NodeEntry[] = [];
    const others: NodeEntry[] = [];
    for (const node of known) {
      const connection = this.host.pooled(node);
      if (connection?.state === 'ready' && node.healthy) ready.push(node);
      else if (node.healthy) others.push(node);
    }
    for (let i = ready.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ready[i], ready[j]] = [ready[j], ready[i]];
    }
    const seen = new Set([...ready, ...others].map((node) => node.key));
    const seeds = this.options.seeds
      .map((seed) => nodeEntry({ ...seed, id: undefined }))
      .filter((seed) => !seen.has(seed.key));
    return [...ready, ...others, ...seeds];
  }
}
