/** Usage text and the error type for bad command lines (exit code 2). */

export const USAGE = `Usage: slotbridge <command> [options]

Commands:
  lab up [standalone] [--port N] [--password P] [--tls] [--unix-socket]
                    Start a local redis-server on loopback and keep it up until Ctrl-C
  lab up cluster    Start a local Redis Cluster (3 primaries + 3 replicas) until Ctrl-C
  lab up sentinel [--name mymaster]
                    Start a primary, 2 replicas and 3 sentinels on loopback until Ctrl-C
  lab up kube [--no-cluster] [--no-sentinel]
                    Start the minikube-like lab (root, Linux network namespaces): a cluster
                    and a sentinel group on private addresses, reachable from a "laptop"
                    namespace only through an ingress; keep it up until Ctrl-C
  demo [--server DIR|NAME]
                    Start lab servers, talk to them, stop them
  proxy --cluster redis://HOST:PORT --advertise HOST --ports FIRST-LAST
        [--listen ADDR] [--entry-port N] [--metrics-port N] [--refresh-interval MS]
                    Topology-rewriting proxy: one port per cluster node, every address rewritten
  proxy --sentinel redis://HOST:26379 --name MASTER --advertise HOST --ports FIRST-LAST
        [same options]
                    The same for a sentinel group: sentinels and data nodes each get a port,
                    sentinel replies and events (+switch-master...) are rewritten
                    ("slotbridge proxy --help" for details)
  doctor <url> [--expose host:ports] [--json] [--timeout ms] [--health]
                    Show the topology the servers announce, try every address from here,
                    and print the addresses config (or proxy command) that fixes what fails;
                    --health also connects a client and prints client.health()

Options:
  --server DIR|NAME For lab and demo: the server build (a folder with redis-server, its parent
                    of bin/, or a folder name in ../shared/servers such as valkey-8.0.1).
                    Default: $SLOTBRIDGE_SERVER, else redis-server, redis-sentinel and redis-cli
                    from PATH
  -h, --help        Show this help
  -v, --version     Print the slotbridge version
`;

export const PROXY_USAGE = `Usage: slotbridge proxy --cluster redis://[user:pass@]HOST:PORT[,HOST:PORT...]
                        --advertise HOST --ports FIRST-LAST [options]
       slotbridge proxy --sentinel redis://HOST:26379[,HOST:PORT...] --name MASTER
                        --advertise HOST --ports FIRST-LAST [options]

Opens one port per cluster node (primaries and replicas) from the range and rewrites every address in
replies (CLUSTER SHARDS/SLOTS/NODES/REPLICAS, MOVED/ASK, ROLE, INFO) to HOST and those ports.
With --sentinel, sentinels and the master's data nodes each get a port, and SENTINEL replies
(GET-MASTER-ADDR-BY-NAME, MASTER, MASTERS, REPLICAS, SENTINELS) and sentinel events (+switch-master...)
are rewritten too; the entry port is a sentinel.

Options:
  --cluster URL         A cluster node (or several, comma-separated) to discover the topology from
  --sentinel URL        A sentinel (or several, comma-separated) watching the master --name
  --name MASTER         With --sentinel: the master name the sentinels monitor
  --advertise HOST      Host (IP or name) clients use to reach the proxy; rewritten replies carry it
  --ports FIRST-LAST    Port range for the per-node listeners (a port is never reused for another node)
  --listen ADDR         Address to listen on (default 127.0.0.1)
  --entry-port N        A fixed entry port (outside the range) connected to a healthy primary (a sentinel)
  --metrics-port N      Serve Prometheus metrics at http://ADDR:N/metrics
  --refresh-interval MS Topology refresh period (default 5000, 0 to disable)
  --workers N           Worker processes serving clients (default: the number of cores; 1: one
                        process). A primary discovers the topology and gives every worker the port
                        table; connection limits are shared out among the workers
  --port-table STORE    Where the node id -> port table lives, so restarts and replicas keep every
                        node's port: redis (default: a hash {slotbridge}:proxy-ports in the cluster,
                        or on the sentinel group's master), redis:KEY, file:PATH (one "<node id> <port>"
                        a line; read-only works), memory (this process only)

Security (see docs/proxy.md, "Security"):
  --backend-cidr LIST   More networks the proxy may connect to (a.b.c.d/n,...). Default: the /24 of
                        each IPv4 seed, each IPv6 seed exactly; nothing else is ever connected to
  --allow LIST          Forward these refused commands too (config|get,flushall,...)
  --allow-admin         Forward every @admin/@dangerous command (CONFIG, CLUSTER MEET, SHUTDOWN...)
  --user NAME           ACL user of the proxy's backend connections (or REDIS_USERNAME)
  --password-file PATH  Backend password from a file (or REDIS_PASSWORD); never on the command line
  --client-password-file PATH
                        Clients must AUTH to the proxy with this password (or
                        SLOTBRIDGE_CLIENT_PASSWORD); the proxy then authenticates to Redis itself
  --tls-cert PATH --tls-key PATH [--tls-ca PATH]
                        TLS for clients; with --tls-ca, client certificates are required
  --idle-timeout MS     Close clients idle this long (default 300000; 0: never; pub/sub exempt)
  --request-timeout MS  Close clients that leave a request incomplete this long (default 30000)
  --max-clients N       Client connections in all (default 10000)
  --max-clients-per-ip N
                        From one client address (default 2000)
  --max-clients-per-node N
                        To one node (default 5000, below Redis's default maxclients 10000)
  --metrics-listen ADDR Address of the metrics listener (default: --listen)
  --metrics-token-file PATH
                        Metrics need "Authorization: Bearer TOKEN" (or SLOTBRIDGE_METRICS_TOKEN)
  -h, --help            Show this help
`;

/** The command line is wrong: the message says what and the process exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The exit code for a command line that cannot be understood. */
export const EXIT_USAGE = 2;
