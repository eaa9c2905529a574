import { describe, expect, it } from 'vitest';
import { nextPodAddress } from '../../src/lab/kube/address-plan.js';
import { renameNodeAddresses } from '../../src/lab/kube/cluster.js';

describe('kube lab pod moves', () => {
  it('nextPodAddress moves every pod to a new address inside 198.18.0.0/24, never onto another pod', () => {
    expect(nextPodAddress('198.18.0.11')).toBe('198.18.0.111');
    expect(nextPodAddress('198.18.0.111')).toBe('198.18.0.211');
    expect(nextPodAddress('198.18.0.233')).toBe('198.18.0.33');
    const pods = ['11', '12', '13', '14', '15', '16', '21', '22', '23', '31', '32', '33'].map(
      (octet) => `198.18.0.${octet}`,
    );
    const moved = pods.map(nextPodAddress);
    expect(moved.filter((address) => pods.includes(address))).toEqual([]);
    expect(new Set(moved).size).toBe(pods.length);
  });

  it('renameNodeAddresses moves each node line to its new host and keeps the rest of the file', () => {
    const conf = [
      'aaa 198.18.0.11:6379@16379 myself,master - 0 0 1 connected 0-5460',
      'bbb 198.18.0.14:6379@16379,host-b slave aaa 0 1795785856322 1 connected',
      'vars currentEpoch 6 lastVoteEpoch 0',
      '',
    ].join('\n');
    const renamed = renameNodeAddresses(
      conf,
      new Map([
        ['198.18.0.11', '198.18.0.111'],
        ['198.18.0.14', '198.18.0.114'],
      ]),
    );
    expect(renamed).toBe(
      [
        'aaa 198.18.0.111:6379@16379 myself,master - 0 0 1 connected 0-5460',
        'bbb 198.18.0.114:6379@16379,host-b slave aaa 0 1795785856322 1 connected',
        'vars currentEpoch 6 lastVoteEpoch 0',
        '',
      ].join('\n'),
    );
  });
});
