import { describe, expect, it } from 'vitest';
import { type ZoneCandidate, ZonePreference } from '../../src/topology/zone-read.js';

function node(
  item: string,
  role: 'primary' | 'replica',
  zone: string | undefined,
  extra: Partial<ZoneCandidate<string>> = {},
): ZoneCandidate<string> {
  return { item, role, zone, healthy: true, ready: true, address: `${item}:6379`, ...extra };
}

describe('ZonePreference', () => {
  it('prefers ready replicas in the zone, round robin', () => {
    const zone = new ZonePreference({ zone: 'a' }, () => undefined);
    const nodes = [
      node('p', 'primary', 'a'),
      node('r1', 'replica', 'a'),
      node('r2', 'replica', 'b'),
      node('r3', 'replica', 'a'),
    ];
    const picks = new Set(Array.from({ length: 6 }, () => zone.choose(nodes)));
    expect(picks).toEqual(new Set(['r1', 'r3']));
  });

  it('then the primary when it is the node in the zone, then the fallback', () => {
    const zone = new ZonePreference({ zone: 'a' }, () => undefined);
    expect(zone.choose([node('p', 'primary', 'a'), node('r', 'replica', 'b')])).toBeUndefined();
    expect(zone.choose([node('p', 'primary', 'b'), node('r', 'replica', 'b')])).toBe('r');
    const primaryFallback = new ZonePreference({ zone: 'a', fallback: 'primary' }, () => undefined);
    expect(primaryFallback.choose([node('p', 'primary', 'b'), node('r', 'replica', 'b')])).toBeUndefined();
  });

  it('skips unhealthy and not-ready nodes even in the zone', () => {
    const zone = new ZonePreference({ zone: 'a' }, () => undefined);
    const nodes = [
      node('p', 'primary', 'b'),
      node('r1', 'replica', 'a', { healthy: false }),
      node('r2', 'replica', 'a', { ready: false }),
      node('r3', 'replica', 'c'),
    ];
    expect(zone.choose(nodes)).toBe('r3');
  });

  it('says once that a server reports no zone', () => {
    const warnings: string[] = [];
    const zone = new ZonePreference({ zone: 'a' }, (message) => warnings.push(message));
    const nodes = [node('p', 'primary', ''), node('r', 'replica', '')];
    for (let i = 0; i < 5; i++) expect(zone.choose(nodes)).toBe('r');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/p:6379 reports no availability zone/);
  });
});
