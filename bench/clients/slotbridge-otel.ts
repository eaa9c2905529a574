/**
 * slotbridge with `slotbridge/opentelemetry` on, through the real SDK, one telemetry mode per client
 * name: what observability costs next to slotbridge with it off (the telemetry table of `npm run bench`).
 * Exporters drop what they get, so the cost measured is the client's and the SDK's, not an exporter's.
 */
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { enableOpenTelemetry } from '../../src/client/telemetry/opentelemetry.js';
import { slotbridge } from './slotbridge.js';
import type { ClientModule } from './types.js';

export type TelemetryMode = 'metrics' | 'traces-dropped' | 'traces-batched';

const SUCCESS = { code: 0 } as const;

/** Takes every batch and keeps nothing. */
const dropSpans: SpanExporter = {
  export: (_spans, done) => done(SUCCESS),
  shutdown: () => Promise.resolve(),
};
const dropMetrics: PushMetricExporter = {
  export: (_metrics, done) => done(SUCCESS),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function enable(mode: TelemetryMode): void {
  if (mode === 'metrics') {
    const reader = new PeriodicExportingMetricReader({ exporter: dropMetrics, exportIntervalMillis: 1000 });
    enableOpenTelemetry({ meterProvider: new MeterProvider({ readers: [reader] }), traces: false });
    return;
  }
  const tracerProvider =
    mode === 'traces-dropped'
      ? new BasicTracerProvider({ sampler: new AlwaysOffSampler() })
      : new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropSpans)] });
  enableOpenTelemetry({ tracerProvider, metrics: false });
}

const CONFIGS: Record<TelemetryMode, string> = {
  metrics:
    'defaults + metrics (MeterProvider, PeriodicExportingMetricReader every 1 s to a dropping exporter)',
  'traces-dropped': 'defaults + traces with AlwaysOffSampler (every span dropped by the sampler)',
  'traces-batched':
    'defaults + traces recorded (AlwaysOn) through a BatchSpanProcessor to a dropping exporter',
};

export function slotbridgeWithTelemetry(mode: TelemetryMode): ClientModule {
  return {
    version: slotbridge.version,
    config: CONFIGS[mode],
    open: (target) => {
      enable(mode);
      return slotbridge.open(target);
    },
  };
}
