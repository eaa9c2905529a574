import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enableOpenTelemetry, type OpenTelemetryHandle } from '../../src/client/telemetry/opentelemetry.js';
import { commandTracing } from '../../src/client/tracing.js';
import {
  type LabCluster,
  type RedisServerHandle,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
  startServer,
} from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';

/**
 * OpenTelemetry through the SDK's in-memory exporters, against real servers: a span and a duration
 * point per command with the database semantic-convention attributes, and connection/topology metrics.
 */
const client = useClients();
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });

let server: RedisServerHandle;
let handle: OpenTelemetryHandle | undefined;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  handle?.disable();
  handle = undefined;
  spans.reset();
  metricExporter.reset();
});

/** Every data point of the metric `name`, from a fresh collection. */
async function points(name: string): Promise<Array<{ attributes: Record<string, unknown>; value: unknown }>> {
  await reader.forceFlush();
  const out: Array<{ attributes: Record<string, unknown>; value: unknown }> = [];
  // Cumulative temporality: the last export holds everything so far.
  for (const batch of metricExporter.getMetrics().slice(-1)) {
    for (const scope of batch.scopeMetrics) {
      for (const metric of scope.metrics) {
        if (metric.descriptor.name !== name) continue;
        for (const point of metric.dataPoints) out.push({ attributes: point.attributes, value: point.value });
      }
    }
  }
  return out;
}

describe('OpenTelemetry', () => {
  it('is off until enabled: nobody subscribes to the command channel', () => {
    expect(commandTracing.hasSubscribers).toBe(false);
    handle = enableOpenTelemetry({ tracerProvider, meterProvider });
    expect(commandTracing.hasSubscribers).toBe(true);
    handle.disable();
    handle = undefined;
    expect(commandTracing.hasSubscribers).toBe(false);
  });

  it('a span and a duration point per command, with the semantic-convention attributes and error.type', async () => {
    const redis = client({ port: server.port, db: 2 });
    await redis.connect();
    handle = enableOpenTelemetry({ tracerProvider, meterProvider, clients: [redis] });
    await redis.set('otel:k', 'v');
    expect(await redis.get('otel:k')).toBe('v');
    await redis.call('LPUSH', 'otel:list', 'x');
    await expect(redis.call('GET', 'otel:list')).rejects.toMatchObject({ code: 'WRONGTYPE' });

    const finished = spans.getFinishedSpans();
    expect(finished.map((span) => span.name)).toEqual(['SET', 'GET', 'LPUSH', 'GET']);
    const get = finished[1];
    expect(get.kind).toBe(2); // SpanKind.CLIENT
    expect(get.attributes).toMatchObject({
      'db.system.name': 'redis',
      'db.operation.name': 'GET',
      'db.namespace': '2',
      'server.address': '127.0.0.1',
      'server.port': server.port,
    });
    expect(finished[3].attributes['error.type']).toBe('WRONGTYPE');
    expect(finished[3].status.code).toBe(2); // SpanStatusCode.ERROR

    const durations = await points('db.client.operation.duration');
    const getPoints = durations.filter((point) => point.attributes['db.operation.name'] === 'GET');
    expect(getPoints.map((point) => point.attributes['error.type']).sort()).toEqual(
      ['WRONGTYPE', undefined].sort(),
    );
    const ok = getPoints.find((point) => point.attributes['error.type'] === undefined);
    expect(ok?.attributes).toMatchObject({ 'server.port': server.port, 'db.system.name': 'redis' });
    expect((ok?.value as { count: number } | undefined)?.count).toBe(1);

    const depth = await points('slotbridge.client.queue.depth');
    expect(depth.map((point) => point.attributes['slotbridge.queue.state']).sort()).toEqual([
      'in_flight',
      'queued',
    ]);
  });

  it('with a sampler that drops every span: no span, and each duration point still names its server', async () => {
    const redis = client({ port: server.port, db: 3 });
    await redis.connect();
    const dropping = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [new SimpleSpanProcessor(spans)],
    });
    handle = enableOpenTelemetry({ tracerProvider: dropping, meterProvider });
    // Commands of one name in one database share their attributes: both must still be counted apart
    // from other names, databases and outcomes.
    for (let i = 0; i < 3; i++) expect(await redis.call('ECHO', `x${i}`)).toBe(`x${i}`);
    expect(spans.getFinishedSpans()).toEqual([]);
    const echo = (await points('db.client.operation.duration')).filter(
      (point) => point.attributes['db.operation.name'] === 'ECHO' && point.attributes['db.namespace'] === '3',
    );
    expect(echo).toHaveLength(1);
    expect(echo[0].attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': server.port });
    expect((echo[0].value as { count: number }).count).toBe(3);
  });

  it('reconnects are counted per server', async () => {
    const redis = client({ port: server.port, clientName: 'otel-reconnect' });
    await redis.connect();
    handle = enableOpenTelemetry({ tracerProvider, meterProvider });
    await server.cli('CLIENT', 'KILL', 'SKIPME', 'yes', 'TYPE', 'normal');
    expect(await redis.ping()).toBe('PONG');
    const reconnects = await points('slotbridge.client.reconnects');
    expect(
      reconnects.some((point) => point.attributes['server.port'] === server.port && Number(point.value) >= 1),
    ).toBe(true);
  });
});

describe('OpenTelemetry on a cluster', () => {
  let cluster: LabCluster;
  beforeAll(async () => {
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('MOVED redirects are counted and spans name the node that answered', async () => {
    const redis = client({ cluster: { hosts: cluster.seeds(), refreshInterval: 0 } });
    await redis.set('otel:moved', '1');
    handle = enableOpenTelemetry({ tracerProvider, meterProvider });
    // The key's slot moves behind the client's back: its next command meets MOVED.
    const slot = Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', 'otel:moved'));
    const owner = await cluster.ownerOf(slot);
    await cluster.migrateSlot(slot);
    const newOwner = await cluster.ownerOf(slot);
    expect(newOwner.port).not.toBe(owner.port);
    expect(await redis.get('otel:moved')).toBe('1');
    const redirects = await points('slotbridge.client.redirects');
    expect(
      redirects.find((point) => point.attributes['slotbridge.redirect.kind'] === 'MOVED')?.value,
    ).toBeGreaterThanOrEqual(1);
    const get = spans.getFinishedSpans().find((span) => span.name === 'GET');
    expect(get?.attributes['server.port']).toBe(newOwner.port);
  });
});

describe('OpenTelemetry on a sentinel group', () => {
  let group: SentinelGroupHandle;
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1 });
  }, 60_000);
  afterAll(async () => {
    await group?.stop();
  });

  it('a failover the client follows is counted', async () => {
    const redis = client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
    await redis.set('otel:failover', '1');
    handle = enableOpenTelemetry({ tracerProvider, meterProvider });
    const promoted = await group.failover();
    const deadline = Date.now() + 20_000;
    let failovers: Awaited<ReturnType<typeof points>> = [];
    while (Date.now() < deadline) {
      await redis.get('otel:failover').catch(() => undefined);
      failovers = await points('slotbridge.client.failovers');
      if (failovers.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(failovers[0]?.attributes['slotbridge.topology']).toBe('sentinel');
    expect(Number(failovers[0]?.value)).toBeGreaterThanOrEqual(1);
    expect(await redis.call('ROLE').then((role) => (role as unknown[])[0])).toBe('master');
    expect(promoted.port).toBeGreaterThan(0);
  }, 60_000);
});
