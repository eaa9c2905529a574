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
import diagnostics from 'node:diagnostics_channel';
import {
  type Attributes,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
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

interface InFlight {
  span: Span | undefined;
  started: number;
  attributes: Attributes;
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

  const live = new WeakMap<CommandTraceContext, InFlight>();
  /** The connection-level start of the same command (same args array) tells which server got it. */
  const byArgs = new WeakMap<readonly RespArg[], InFlight>();

  const finish = (context: CommandTraceContext) => {
    const state = live.get(context);
    if (state === undefined) return;
    live.delete(context);
    const error = context.error as { code?: unknown; name?: unknown } | undefined;
    if (error !== undefined) {
      state.attributes['error.type'] =
        typeof error.code === 'string' ? error.code : String(error.name ?? 'Error');
    }
    duration?.record((performance.now() - state.started) / 1000, state.attributes);
    const span = state.span;
    if (span === undefined) return;
    span.setAttributes(state.attributes);
    if (error !== undefined) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error).message ?? error) });
    }
    span.end();
  };

  const handlers = {
    start(message: unknown) {
      const context = message as CommandTraceContext;
      const operation = commandName(context.args);
      const attributes: Attributes = {
        'db.system.name': 'redis',
        'db.operation.name': operation,
        'db.namespace': String(context.client.config.db),
      };
      const span = tracer?.startSpan(operation, { kind: SpanKind.CLIENT, attributes });
      const state: InFlight = { span, started: performance.now(), attributes };
      live.set(context, state);
      byArgs.set(context.args, state);
    },
    end(message: unknown) {
      // A synchronous throw ends here without asyncEnd.
      const context = message as CommandTraceContext;
      if (context.error !== undefined) finish(context);
    },
    asyncStart() {},
    asyncEnd(message: unknown) {
      finish(message as CommandTraceContext);
    },
    error() {},
  };

  const onCommandStart = (message: unknown) => {
    const { address, args } = message as { address: string; args: readonly RespArg[] };
    const state = byArgs.get(args);
    if (state === undefined) return;
    Object.assign(state.attributes, serverAttributes(address));
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

  commandTracing.subscribe(handlers);
  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ['slotbridge:connection:command-start', onCommandStart],
    ['slotbridge:connection:reconnecting', onReconnecting],
    ['slotbridge:topology:redirect', onRedirect],
    ['slotbridge:topology:failover', onFailover],
  ];
  for (const [name, handler] of subscriptions) diagnostics.subscribe(name, handler);

  return {
    disable() {
      commandTracing.unsubscribe(handlers);
      for (const [name, handler] of subscriptions) diagnostics.unsubscribe(name, handler);
      queueDepth?.removeCallback(observeQueue);
    },
  };
}

function commandName(args: readonly RespArg[]): string {
  const first = args[0];
  return typeof first === 'string' ? first.toUpperCase() : String(first);
}

/** `host:port`, `[v6]:port` or a socket path as semantic-convention attributes. */
function serverAttributes(address: string): Attributes {
  const match = /^\[?(.*?)\]?:(\d+)$/.exec(address);
  if (match === null) return { 'server.address': address };
  return { 'server.address': match[1], 'server.port': Number(match[2]) };
}
