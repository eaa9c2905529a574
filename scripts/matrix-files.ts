/**
 * Which integration test files the server matrix (`npm run test:servers`) repeats on every server build,
 * and which run once, in `npm test`, on Debian's redis-server — each with the reason. Every file of
 * test/integration is in exactly one list (test/unit/server-matrix-files.test.ts), so a new file is
 * classified on purpose, never dropped from the matrix silently. `SLOTBRIDGE_MATRIX_ALL=1` repeats every
 * file on every build anyway.
 *
 * The rule: a file is repeated when what it asserts depends on what the server does — replies and their
 * shapes, commands, the handshake, topology replies and redirects, failover and sentinel behaviour,
 * replication, ACL, TLS, the lab starting that build. It runs once when the server is only a peer whose
 * build cannot change the outcome: our CLI, our proxy's parsing, process model and metrics, our events and
 * timeouts, faults made by freezing a process or cutting the network, and the namespace (kube) labs.
 */

/** Repeated on every build: what differs per server. */
export const PER_SERVER = new Map<string, string>([
  ['address-discovery', 'identity replies (CLUSTER MYID, run_id) per build'],
  ['blocking', 'blocking command semantics'],
  ['client-cache', 'CLIENT TRACKING and RESP3 invalidation pushes'],
  ['client-faults', 'server error replies and restarts (LOADING, connection loss)'],
  ['client-standalone', 'HELLO handshake, RESP2/RESP3 negotiation, SELECT'],
  ['client-tls-unix', "the build's TLS and unix socket support"],
  ['cluster-client', 'CLUSTER SHARDS/SLOTS, MOVED/ASK, resharding'],
  ['cluster-faults', 'failover, kill -9, migration under load'],
  ['cluster-reachability', 'announced endpoints in topology replies'],
  ['cluster-resend', 'automatic failover timing and what a dying node wrote'],
  ['cluster-scan', 'SCAN across a failover'],
  ['cluster-stateful', 'sharded pub/sub, blocking, MULTI across failover and migration'],
  ['cluster-tls-hostnames', 'cluster-announce-hostname and hostname endpoints over TLS'],
  ['credentials', 'ACL users, AUTH and re-AUTH'],
  ['failover-bounds', 'failover bounds measured per build'],
  ['lab', 'the lab starts this build'],
  ['lab-sentinel', "the lab starts this build's sentinel"],
  ['port-table-store', 'the port table kept in the server (WATCH/MULTI, replication)'],
  ['proxy-cluster', 'every address-carrying cluster reply rewritten'],
  ['proxy-failover', 'the proxy follows a failover of this build'],
  ['proxy-rewrite-fidelity', 'reply formats compared field by field, direct vs proxied'],
  ['proxy-sentinel', 'sentinel replies and events rewritten'],
  ['pubsub', 'pub/sub replies and pushes'],
  ['pubsub-connections', 'RESP3 pushes on the command connection'],
  ['reply-shapes', 'reply shapes on RESP2 and RESP3'],
  ['scan-standalone', 'SCAN options'],
  ['scripts', 'EVAL/FUNCTION'],
  ['self-healing', 'nodes restarted on new ports: gossip and topology replies'],
  ['sentinel-data-side', 'master death, -READONLY after demotion'],
  ['sentinel-discovery', 'SENTINEL replies'],
  ['sentinel-early-notice-hold', "the sentinel's +selected-slave timing"],
  ['sentinel-failover', 'sentinel failover under load'],
  ['sentinel-reachability', 'addresses announced by sentinels'],
  ['sentinel-stateful', 'subscriptions, BLPOP, cache, WATCH moved to a new master'],
  ['server-build', 'the build the lab runs'],
  ['streams', 'stream commands and replies'],
  ['transactions', 'MULTI/EXEC/WATCH'],
  ['typed-commands', 'every command group on RESP2 and RESP3'],
  ['zone-reads', 'availability-zone in INFO (Valkey 8)'],
  ['bullmq-cluster', 'BullMQ scripts and blocking commands across a kill -9 failover of this build'],
  ['bullmq-sentinel', 'BullMQ across a sentinel failover of this build'],
  ['bullmq-standalone', "BullMQ's Lua scripts and replies on this build"],
  ['proxy-reply-states', 'CLIENT REPLY and MONITOR semantics of this build, direct vs proxied'],
  [
    'cluster-resharding-paths',
    'every command path on a half-migrated slot of this build (ASK, ASKING, MOVED)',
  ],
  ['cluster-failover-paths', 'every command path across a kill -9 failover of this build'],
  ['read-preference-first-read', 'replica sync state (ROLE, loading) and zones reported by this build'],
  ['sentinel-client-close', "a closed client opens no socket to this build's sentinels"],
]);

/** Run once, in `npm test` (Debian's redis-server): the server's build cannot change the outcome. */
export const ONCE = new Map<string, string>([
  ['bench-checks', "the benchmark's own checks"],
  ['cli', 'command-line parsing and output'],
  ['cluster-scripted-faults', 'scripted fake server only'],
  ['demo', "the demo's output; its topologies are covered per build by the cluster and sentinel files"],
  ['doctor-health', "doctor's report of the client's health"],
  ['events-every-topology', "the client's events; the topology behaviour behind them is per build above"],
  ['half-open', 'a frozen process (SIGSTOP): no server code runs'],
  ['half-open-netns', 'the network drops packets (namespaces, root)'],
  ['kube-lab', 'network namespaces (root); a fixed address plan'],
  ['kube-proxy-replicas', 'network namespaces (root); a fixed address plan'],
  ['kube-reachability', 'network namespaces (root); a fixed address plan'],
  ['kube-self-healing', 'network namespaces (root); a fixed address plan'],
  ['opentelemetry', 'our instrumentation of events tested per build above'],
  ['proxy-attacker', "the proxy's defences against its clients"],
  ['proxy-bad-input', "the proxy's request parsing"],
  ['proxy-cli', "the proxy's command line"],
  ['proxy-half-open', 'a frozen backend (SIGSTOP): no server code runs'],
  ['proxy-kube', 'network namespaces (root); a fixed address plan'],
  ['proxy-otel-names', "the proxy's metric names"],
  [
    'proxy-stable-ports',
    "the proxy's restart under load; the table's store is per build in port-table-store, failover in proxy-failover",
  ],
  [
    'proxy-stable-ports-sentinel',
    "the proxy's restart; the table's store is per build in port-table-store, failover in proxy-failover",
  ],
  [
    'proxy-under-load',
    'third-party clients through the proxy; the rewrites are per build in proxy-cluster and proxy-rewrite-fidelity',
  ],
  ['proxy-workers', "the proxy's worker processes"],
  ['server-commands', 'starts every build itself'],
  ['timeouts', "the client's timeout reports"],
  ['bullmq-kube', 'network namespaces (root); a fixed address plan'],
  ['client-duplicate', "the client's configuration copied"],
  [
    'key-prefix',
    "where our command table locates keys; the commands' replies are per build in typed-commands",
  ],
  ['package-bun', 'the packed package under Bun'],
  ['package-modules', 'the packed package from CommonJS, ESM and TypeScript'],
  ['pending-limit', 'a frozen process (SIGSTOP): the client counts what waits; no server code runs'],
  ['write-coalescing', 'when the client writes to its socket; the server only answers'],
]);
