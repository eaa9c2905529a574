import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useClients } from '../helpers/clients.js';
import { useClusterProxy } from '../helpers/proxy.js';

/**
 * The proxy's Prometheus endpoint carries the OpenTelemetry names the client exports:
 * db_client_operation_duration_seconds (per operation and node, named as clients know it) and slotbridge_client_queue_depth.
 */
/** A port nothing listens on right now (the OS picks it), for the metrics endpoint. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
const metricsPort = await freePort();
const fixture = useClusterProxy({ primaries: 3, replicasPerPrimary: 0 }, { metricsPort });
const client = useClients();

describe('proxy: OpenTelemetry names on the Prometheus endpoint', () => {
  it('times every request per operation and node', async () => {
    const entry = fixture.proxy.portTable()[0];
    const redis = client({ port: entry.proxyPort });
    for (let i = 0; i < 5; i++) await redis.call('PING');
    await redis.call('CLUSTER', 'INFO');
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    // The node as clients know it (the proxy's advertised host and the node's proxy port), never the backend.
    const labels = `db_system_name="redis",db_operation_name="PING",server_address="127.0.0.1",server_port="${entry.proxyPort}"`;
    for (const { node } of fixture.proxy.portTable()) {
      expect(text).not.toContain(`server_port="${node.port}"`);
    }
    // The client's handshake (HELLO) is timed too; 5 PINGs exactly.
    expect(text).toContain(`db_client_operation_duration_seconds_count{${labels}} 5`);
    expect(text).toContain(`db_client_operation_duration_seconds_bucket{${labels},le="+Inf"} 5`);
    expect(text).toMatch(
      /db_client_operation_duration_seconds_count\{[^}]*db_operation_name="CLUSTER"[^}]*\} 1/,
    );
    expect(text).toMatch(/slotbridge_client_queue_depth\{slotbridge_queue_state="in_flight"\} 0/);
  });
});
