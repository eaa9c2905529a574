import { describe, expect, it } from 'vitest';
import { SentinelList } from '../../src/topology/sentinel/sentinel-list.js';
import {
  eventMasterName,
  isHealthyReplica,
  isMasterRole,
  parseInstanceList,
  parseMasterAddress,
  parsePromotedReplica,
  parseSwitchMaster,
  recordAddress,
} from '../../src/topology/sentinel/sentinel-replies.js';

describe('sentinel replies', () => {
  it('get-master-addr-by-name: an address, or undefined for null (unknown name)', () => {
    expect(parseMasterAddress(['10.0.0.5', '6379'])).toEqual({ host: '10.0.0.5', port: 6379 });
    expect(parseMasterAddress(null)).toBeUndefined();
    expect(parseMasterAddress(['10.0.0.5'])).toBeUndefined();
  });

  it('instance lists in RESP3 (maps) and RESP2 (flat arrays) parse alike', () => {
    const resp3 = [
      new Map([
        ['ip', '10.0.0.6'],
        ['port', '6380'],
        ['flags', 'slave'],
        ['master-link-status', 'ok'],
      ]),
    ];
    const resp2 = [['ip', '10.0.0.6', 'port', '6380', 'flags', 'slave', 'master-link-status', 'ok']];
    for (const reply of [resp3, resp2]) {
      const [record] = parseInstanceList(reply);
      expect(record && recordAddress(record)).toEqual({ host: '10.0.0.6', port: 6380 });
      expect(record && isHealthyReplica(record)).toBe(true);
    }
  });

  it('skips replicas that are down, disconnected or whose link to the master is down', () => {
    const record = (flags: string, link = 'ok') =>
      new Map([
        ['flags', flags],
        ['master-link-status', link],
      ]);
    expect(isHealthyReplica(record('slave,s_down'))).toBe(false);
    expect(isHealthyReplica(record('slave,o_down'))).toBe(false);
    expect(isHealthyReplica(record('slave,disconnected'))).toBe(false);
    expect(isHealthyReplica(record('slave', 'err'))).toBe(false);
    expect(isHealthyReplica(record('slave'))).toBe(true);
  });

  it('events: +switch-master, +promoted-slave and the master an instance event concerns', () => {
    expect(parseSwitchMaster('mymaster 127.0.0.1 7000 127.0.0.1 7001')).toEqual({
      name: 'mymaster',
      announced: { host: '127.0.0.1', port: 7001 },
    });
    expect(parseSwitchMaster('garbage')).toBeUndefined();
    expect(parsePromotedReplica('slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 7000')).toEqual({
      name: 'mymaster',
      announced: { host: '127.0.0.1', port: 7001 },
    });
    expect(eventMasterName('slave 127.0.0.1:7001 127.0.0.1 7001 @ other 127.0.0.1 7000')).toBe('other');
    expect(eventMasterName('master mymaster 127.0.0.1 7000')).toBe('mymaster');
  });

  it('ROLE', () => {
    expect(isMasterRole(['master', 0, []])).toBe(true);
    expect(isMasterRole(['slave', '127.0.0.1', 7000, 'connected', 0])).toBe(false);
  });
});

describe('sentinel list', () => {
  const a = { host: '127.0.0.1', port: 1 };
  const b = { host: '127.0.0.1', port: 2 };
  const c = { host: '127.0.0.1', port: 3 };

  it('puts the sentinel that answered first and keeps configured ones', () => {
    const list = new SentinelList([a, b]);
    list.learn([b, c], b);
    expect(list.ordered().map((e) => e.address.port)).toEqual([1, 2, 3]);
    list.promote(c);
    expect(list.ordered().map((e) => e.address.port)).toEqual([3, 1, 2]);
    // c left the group: learned entries follow the latest reply, configured ones stay.
    list.learn([], a);
    expect(list.ordered().map((e) => e.address.port)).toEqual([1, 2]);
    expect(list.ordered().every((e) => e.configured)).toBe(true);
  });
});
