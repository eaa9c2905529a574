/** Counters of one proxy, and their Prometheus text exposition. */
import { OperationHistogram, type Series } from './operation-metrics.js';

/** What a worker process reports for the primary's endpoint (plain data, IPC-safe). */
export interface MetricsSnapshot {
  /** Every numeric field of {@link ProxyMetrics} by name. */
  counters: Record<string, number>;
  operations: Series[];
}

export class ProxyMetrics {
  connectionsTotal = 0;
  connectionsActive = 0;
  connectionsRejected = 0;
  commands = 0;
  bytesFromClients = 0;
  bytesToClients = 0;
  rewrites = 0;
  unmappedAddresses = 0;
  topologyRefreshes = 0;
  topologyChanges = 0;
  backendErrors = 0;
  clientProtocolErrors = 0;
  commandsDenied = 0;
  commandsRefusedUnauthenticated = 0;
  authFailures = 0;
  idleTimeouts = 0;
  requestTimeouts = 0;
  rejectedPerClientIp = 0;
  rejectedPerBackend = 0;
  /** Backend addresses outside the allow-list that the proxy refused to adopt or connect to. */
  backendsRefused = 0;
  /** Backends found silent by the half-open check (their sessions were closed). */
  backendHalfOpen = 0;
  /** Nodes that found the port range full (no port given). */
  portRangeFull = 0;
  /** Port table reads or claims that failed (store unreachable, NOPERM, read-only file). */
  portTableErrors = 0;
  /** Per-request durations (on when the metrics endpoint is served). */
  timeOperations = false;
  readonly operations = new OperationHistogram();
  /** Requests awaiting replies now, summed over the sessions (set by the proxy before rendering). */
  queueDepth = 0;

  /** The counters and histogram as plain data (a worker's answer to the primary). */
  snapshot(): MetricsSnapshot {
    const counters: Record<string, number> = {};
    for (const [name, value] of Object.entries(this)) if (typeof value === 'number') counters[name] = value;
    return { counters, operations: this.operations.snapshot() };
  }

  /** Adds a worker's snapshot to these counters (the primary sums its workers before rendering). */
  add(snapshot: MetricsSnapshot): void {
    const fields = this as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(snapshot.counters)) {
      if (typeof fields[name] === 'number') fields[name] = (fields[name] as number) + value;
    }
    this.operations.merge(snapshot.operations);
  }

  /** Prometheus text format (version 0.0.4); `extra` lines (per-worker gauges) go before the histogram. */
  render(nodes: number, extra: readonly string[] = []): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, value: number, type = 'counter'): void => {
      lines.push(`# HELP slotbridge_proxy_${name} ${help}`, `# TYPE slotbridge_proxy_${name} ${type}`);
      lines.push(`slotbridge_proxy_${name} ${value}`);
    };
    counter('connections_total', 'Client connections accepted.', this.connectionsTotal);
    counter('connections_active', 'Client connections open now.', this.connectionsActive, 'gauge');
    counter(
      'connections_rejected_total',
      'Client connections refused (limit, shutdown).',
      this.connectionsRejected,
    );
    counter('commands_total', 'Client requests forwarded.', this.commands);
    counter('client_bytes_received_total', 'Bytes read from clients.', this.bytesFromClients);
    counter('client_bytes_sent_total', 'Bytes written to clients.', this.bytesToClients);
    counter('rewrites_total', 'Replies whose addresses were rewritten.', this.rewrites);
    counter(
      'unmapped_addresses_total',
      'Addresses in replies that named no known node.',
      this.unmappedAddresses,
    );
    counter('topology_refreshes_total', 'Topology refreshes done.', this.topologyRefreshes);
    counter(
      'topology_changes_total',
      'Topology changes seen (nodes joined, left, promoted, moved).',
      this.topologyChanges,
    );
    counter('backend_errors_total', 'Backend connections that failed or broke.', this.backendErrors);
    counter(
      'client_protocol_errors_total',
      'Client connections closed for bad input.',
      this.clientProtocolErrors,
    );
    counter('commands_denied_total', 'Requests refused by the command policy.', this.commandsDenied);
    counter(
      'commands_unauthenticated_total',
      'Requests refused because the client had not authenticated to the proxy.',
      this.commandsRefusedUnauthenticated,
    );
    counter('auth_failures_total', 'Wrong passwords given to the proxy.', this.authFailures);
    counter('idle_timeouts_total', 'Client connections closed for idleness.', this.idleTimeouts);
    counter(
      'request_timeouts_total',
      'Client connections closed for a request left incomplete too long.',
      this.requestTimeouts,
    );
    counter(
      'connections_rejected_client_ip_total',
      'Client connections refused: too many from one address.',
      this.rejectedPerClientIp,
    );
    counter(
      'connections_rejected_backend_total',
      'Client connections refused: too many to one node.',
      this.rejectedPerBackend,
    );
    counter(
      'backends_refused_total',
      'Node addresses outside the backend allow-list, never connected to.',
      this.backendsRefused,
    );
    counter(
      'backend_half_open_total',
      'Backends that stopped answering without closing (client connections to them were closed).',
      this.backendHalfOpen,
    );
    counter(
      'port_range_full_total',
      'Nodes refused a port because every port of the range is given.',
      this.portRangeFull,
    );
    counter(
      'port_table_errors_total',
      'Port table reads or claims that failed (store unreachable, NOPERM, read-only file).',
      this.portTableErrors,
    );
    counter('nodes', 'Cluster nodes with a proxy port.', nodes, 'gauge');
    lines.push(
      '# HELP slotbridge_client_queue_depth Requests awaiting replies from the backends.',
      '# TYPE slotbridge_client_queue_depth gauge',
      `slotbridge_client_queue_depth{slotbridge_queue_state="in_flight"} ${this.queueDepth}`,
    );
    lines.push(...extra);
    if (this.timeOperations) lines.push(...this.operations.render());
    return `${lines.join('\n')}\n`;
  }
}
