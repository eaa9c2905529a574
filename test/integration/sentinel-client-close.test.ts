/**
 * A closed sentinel client never opens a socket: a discovery still in flight when close() runs (the
 * client's quit()/disconnect()) used to open the query connection afterwards and keep the process alive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../../src/address/index.js';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { SentinelClient } from '../../src/topology/sentinel/sentinel-client.js';
import { SentinelList } from '../../src/topology/sentinel/sentinel-list.js';

let group: SentinelGroupHandle;

beforeAll(async () => {
  group = await startSentinelGroup({ replicas: 0, sentinels: 1 });
}, 60_000);

afterAll(async () => {
  await group?.stop();
}, 30_000);

/** Connections on every sentinel whose name is ours (CLIENT LIST, asked on a connection of its own). */
async function ourConnections(name: string): Promise<number> {
  const { createClient } = await import('../../src/client/index.js');
  let count = 0;
  for (const address of group.sentinelAddresses()) {
    const [host, port] = [address.split(':')[0] as string, Number(address.split(':')[1])];
    const probe = createClient({ host, port });
    try {
      const list = String(await probe.sendCommand(['CLIENT', 'LIST']));
      count += list.split('\n').filter((line) => line.includes(`name=${name} `)).length;
    } finally {
      probe.disconnect();
    }
  }
  return count;
}

function sentinelClient(name: string): SentinelClient {
  const hosts = group
    .sentinelAddresses()
    .map((a) => ({ host: a.split(':')[0] as string, port: Number(a.split(':')[1]) }));
  return new SentinelClient(group.name, new SentinelList(hosts), new NodeConnector({ clientName: name }));
}

describe('SentinelClient.close()', () => {
  it('keeps the query connection while open (the probe sees it)', async () => {
    const client = sentinelClient('close-probe-open');
    await client.discoverMaster();
    expect(await ourConnections('close-probe-open')).toBe(1);
    client.close();
  });

  it('a discovery in flight at close() opens no socket afterwards, and fails as closed', async () => {
    const client = sentinelClient('close-probe-closed');
    const discovery = client.discoverMaster();
    client.close();
    await expect(discovery).rejects.toMatchObject({ code: 'ERR_SENTINEL_UNREACHABLE' });
    expect(await ourConnections('close-probe-closed')).toBe(0);
  });
});
