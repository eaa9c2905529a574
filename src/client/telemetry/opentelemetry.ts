/**
 * OpenTelemetry for slotbridge, opt-in: `import { enableOpenTelemetry } from 'slotbridge/opentelemetry'`.
 * It subscribes to slotbridge's diagnostics channels, so the core has no dependency on
 * `@opentelemetry/api` (an optional peer dependency) and costs nothing while this is not enabled.
 *
 * Per command: a CLIENT span named for the operation, and the `db.client.operation.duration` histogram
 * (seconds), both with the database semantic-convention attributes `db.system.name`, `db.operation.name`,
 * `db.namespace`, `server.address`, `server.port` and, on failure, `error.type`. Connection and topology
 * events become counters: `slotbridge.client.reconnects`, `slotbridge.client.redirects` (MOVED/ASK),
 * `slotbridge.client.failovers`; and `slotbridge.client.queue.depth` observes the given clients' commands
 * in flight and queued.
 */
import diagnostics, { type TracingChannelSubscribers } from 'node:diagnostics_channel';
import {
  type Attributes,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { RespArg } from '../../resp/index.js';
import type { ClientHealth } from '../health.js';
import { type CommandTraceContext, commandTracing } from '../tracing.js';

export interface OpenTelemetryOptions {
  /** Default: the global provider (`trace.setGlobalTracerProvider`). */
  tracerProvider?: TracerProvider;
  /** Default: the global provider (`metrics.setGlobalMeterProvider`). */
  meterProvider?: MeterProvider;
  /** Clients whose queue depth is observed (`slotbridge.client.queue.depth`). */
  clients?: ReadonlyArray<{ health(): ClientHealth }>;
  /** Record spans (default true) and metrics (default true). */
  traces?: boolean;
  metrics?: boolean;
}

/** What enableOpenTelemetry returns: `disable()` unsubscribes everything. */
export interface OpenTelemetryHandle {
  disable(): void;
}

const SCOPE = 'slotbridge';
/** Bucket bounds (seconds) the semantic conventions advise for db.client.operation.duration. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** Distinct command names, addresses and databases cached; past these, attribute objects are built per command. */
const CACHE_LIMIT = 1000;

/**
 * What a command carries between its start and its end, kept on the channel's context object itself
 * (no side table): when it started, its span (undefined when not traced or not sampled), the attributes
 * it started with (per database and command name, cached) and the server's (per address, cached).
 */
interface TracedCommand extends CommandTraceContext {
  otelStarted?: number;
  otelSpan?: Span | undefined;
  otelStart?: StartAttributes;
  otelServer?: ServerAttributes | undefined;
}

/** The per-(database, command name) part, built once: the span options and the start attributes. */
interface StartAttributes {
  readonly operation: string;
  readonly attributes: Attributes;
  readonly spanOptions: SpanOptions;
  /** Metric attributes per server address: start attributes + server attributes, built once each. */
  readonly byServer: Map<ServerAttributes, Attributes>;
}

interface ServerAttributes {
  readonly attributes: Attributes;
}

/** Starts exporting; call once per process (a second call adds a second set of subscribers). */
export function enableOpenTelemetry(options: OpenTelemetryOptions = {}): OpenTelemetryHandle {
  const tracer =
    options.traces === false
      ? undefined
      : (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE);
  const meter =
    options.metrics === false
      ? undefined
      : (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const duration = meter?.createHistogram('db.client.operation.duration', {
    unit: 's',
    description: 'Duration of database client operations.',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const reconnects = meter?.createCounter('slotbridge.client.reconnects', {
    description: 'Reconnect attempts scheduled after a connection was lost.',
  });
  const redirects = meter?.createCounter('slotbridge.client.redirects', {
    description: 'MOVED and ASK redirects followed.',
  });
  const failovers = meter?.createCounter('slotbridge.client.failovers', {
    description: 'Primary changes the client followed.',
  });
  const queueDepth = meter?.createObservableGauge('slotbridge.client.queue.depth', {
    description: 'Commands in flight and queued, per state.',
  });
  const clients = options.clients ?? [];
  const observeQueue = (result: { observe(value: number, attributes?: Attributes): void }) => {
    let inFlight = 0;
    let queued = 0;
    for (const client of clients) {
      const health = client.health();
      inFlight += health.inFlight;
      queued += health.queued;
    }
    result.observe(inFlight, { 'slotbridge.queue.state': 'in_flight' });
    result.observe(queued, { 'slotbridge.queue.state': 'queued' });
  };
  queueDepth?.addCallback(observeQueue);

  // Caches, so that a command allocates no attribute object: name → per database → start attributes.
  const startCache = new Map<string, Map<number, StartAttributes>>();
  const serverCache = new Map<string, ServerAttributes>();
  const startAttributesOf = (args: readonly RespArg[], db: number): StartAttributes => {
    const first = args[0];
    const raw = typeof first === 'string' ? first : String(first);
    let perDb = startCache.get(raw);
    let cached = perDb?.get(db);
    if (cached !== undefined) return cached;
    const operation = raw.toUpperCase();
    const attributes: Attributes = Object.freeze({
      'db.system.name': 'redis',
      'db.operation.name': operation,
      'db.namespace': String(db),
    });
    cached = {
      operation,
      attributes,
      spanOptions: { kind: SpanKind.CLIENT, attributes },
      byServer: new Map(),
    };
    // Any command name may be sent (call()); past the limit, build per command rather than grow.
    if (startCache.size < CACHE_LIMIT) {
      if (perDb === undefined) {
        perDb = new Map();
        startCache.set(raw, perDb);
      }
      if (perDb.size < CACHE_LIMIT) perDb.set(db, cached);
    }
    return cached;
  };
  const serverAttributesOf = (address: string): ServerAttributes => {
    let cached = serverCache.get(address);
    if (cached === undefined) {
      cached = { attributes: Object.freeze(serverAttributes(address)) };
      if (serverCache.size < CACHE_LIMIT) serverCache.set(address, cached);
    }
    return cached;
  };
  const metricAttributesOf = (start: StartAttributes, server: ServerAttributes | undefined): Attributes => {
    if (server === undefined) return start.attributes;
    let cached = start.byServer.get(server);
    if (cached === undefined) {
      cached = Object.freeze({ ...start.attributes, ...server.attributes });
      if (start.byServer.size < CACHE_LIMIT) start.byServer.set(server, cached);
    }
    return cached;
  };

  /**
   * Standalone and unix clients send every command to the server of their config: its attributes are
   * known at the start, and the connection-level start event is not needed (nor subscribed) for them.
   */
  const fixedServers = new WeakMap<CommandTraceContext['client'], ServerAttributes | null>();
  const fixedServerOf = (client: CommandTraceContext['client']): ServerAttributes | undefined => {
    let server = fixedServers.get(client);
    if (server === undefined) {
      const { host, port, path } = client.config;
      if (client.kind === 'standalone' && host !== undefined && port !== undefined) {
        server = { attributes: Object.freeze({ 'server.address': host, 'server.port': port }) };
      } else if (client.kind === 'unix' && path !== undefined) {
        server = { attributes: Object.freeze({ 'server.address': path }) };
      } else {
        server = null;
      }
      fixedServers.set(client, server);
    }
    return server ?? undefined;
  };
  /** Subscribed on the first command of a client whose commands may go to several servers. */
  let commandStartSubscribed = false;

  /**
   * The command (of a cluster or sentinel client) whose start handler ran last, while it is being sent:
   * a command written synchronously pairs with its connection-level start here, without a table.
   */
  let pending: TracedCommand | undefined;
  /** Commands sent later (queued before connect, cluster batching, redirects, resends): paired by args. */
  const byArgs = new WeakMap<readonly RespArg[], TracedCommand>();

  const finish = (context: TracedCommand) => {
    const started = context.otelStarted;
    const start = context.otelStart;
    if (started === undefined || start === undefined) return;
    context.otelStarted = undefined;
    const seconds = (performance.now() - started) / 1000;
    const error = context.error as { code?: unknown; name?: unknown; message?: unknown } | undefined;
    const server = context.otelServer;
    let attributes = metricAttributesOf(start, server);
    if (error !== undefined) {
      // Failures are the uncommon path: a fresh object with error.type.
      attributes = {
        ...attributes,
        'error.type': typeof error.code === 'string' ? error.code : String(error.name ?? 'Error'),
      };
    }
    duration?.record(seconds, attributes);
    const span = context.otelSpan;
    if (span === undefined) return;
    if (server !== undefined) span.setAttributes(server.attributes);
    if (error !== undefined) {
      span.setAttribute('error.type', attributes['error.type'] as string);
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error.message ?? error) });
    }
    span.end();
  };

  // Only the events used are subscribed (Node skips a missing handler): asyncStart and error publish to
  // nobody.
  const handlers = {
    start(message: unknown) {
      const context = message as TracedCommand;
      const start = startAttributesOf(context.args, context.client.config.db ?? 0);
      context.otelStart = start;
      const fixed = fixedServerOf(context.client);
      context.otelServer = fixed;
      let span: Span | undefined;
      if (tracer !== undefined) {
        // The sampler decides here; a span it drops is not recording, and nothing more is done for it.
        span = tracer.startSpan(start.operation, start.spanOptions);
        if (!span.isRecording()) span = undefined;
      }
      context.otelSpan = span;
      // A span the sampler dropped, and no metrics: nothing to time, pair or end.
      if (span === undefined && duration === undefined) return;
      context.otelStarted = performance.now();
      if (fixed === undefined) {
        if (!commandStartSubscribed) {
          commandStartSubscribed = true;
          diagnostics.subscribe(COMMAND_START, onCommandStart);
        }
        pending = context;
      }
    },
    end(message: unknown) {
      const context = message as TracedCommand;
      if (pending === context) pending = undefined;
      if (context.otelStarted === undefined) return;
      // Commands that may move (cluster, sentinel) are paired by args when they are (re)sent later.
      if (fixedServers.get(context.client) === null) byArgs.set(context.args, context);
      // A synchronous throw ends here without asyncEnd.
      if (context.error !== undefined) finish(context);
    },
    asyncEnd(message: unknown) {
      finish(message as TracedCommand);
    },
  };

  const onCommandStart = (message: unknown) => {
    const { address, args } = message as { address: string; args: readonly RespArg[] };
    const context = pending !== undefined && pending.args === args ? pending : byArgs.get(args);
    if (context === undefined) return;
    context.otelServer = serverAttributesOf(address);
  };
  const onReconnecting = (message: unknown) => {
    reconnects?.add(1, serverAttributes((message as { address: string }).address));
  };
  const onRedirect = (message: unknown) => {
    redirects?.add(1, { 'slotbridge.redirect.kind': (message as { kind: string }).kind });
  };
  const onFailover = (message: unknown) => {
    failovers?.add(1, { 'slotbridge.topology': (message as { topology: string }).topology });
  };

  commandTracing.subscribe(handlers as unknown as TracingChannelSubscribers<CommandTraceContext>);
  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ['slotbridge:connection:reconnecting', onReconnecting],
    ['slotbridge:topology:redirect', onRedirect],
    ['slotbridge:topology:failover', onFailover],
  ];
  for (const [name, handler] of subscriptions) diagnostics.subscribe(name, handler);

  return {
    disable() {
      commandTracing.unsubscribe(handlers as unknown as TracingChannelSubscribers<CommandTraceContext>);
      for (const [name, handler] of subscriptions) diagnostics.unsubscribe(name, handler);
      if (commandStartSubscribed) diagnostics.unsubscribe(COMMAND_START, onCommandStart);
      commandStartSubscribed = false;
      queueDepth?.removeCallback(observeQueue);
    },
  };
}

/** The connection layer's per-command event: which server a command was written to. */
const COMMAND_START = 'slotbridge:connection:command-start';

/** `host:port`, `[v6]:port` or a socket path as semantic-convention attributes. */
function serverAttributes(address: string): Attributes {
  const match = /^\[?(.*?)\]?:(\d+)$/.exec(address);
  if (match === null) return { 'server.address': address };
  return { 'server.address': match[1], 'server.port': Number(match[2]) };
}
