/**
 * A blocking command re-issued on another node (ASK, MOVED, failover) carries the time left of its
 * server timeout, in the unit each command takes.
 */
import { describe, expect, it } from 'vitest';
import { blockingPlan, withServerTimeout } from '../../src/client/blocking/blocking-plan.js';

describe('withServerTimeout', () => {
  it('rewrites the timeout argument of each blocking form', () => {
    expect(withServerTimeout(['BLPOP', 'a', 'b', '5'], 1_250)).toEqual(['BLPOP', 'a', 'b', '1.25']);
    expect(withServerTimeout(['BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '2'], 500)).toEqual([
      'BLMOVE',
      's',
      'd',
      'LEFT',
      'RIGHT',
      '0.5',
    ]);
    expect(withServerTimeout(['BZPOPMIN', 'z', '3'], 2_000)).toEqual(['BZPOPMIN', 'z', '2']);
    expect(withServerTimeout(['BLMPOP', '4', '1', 'k', 'LEFT'], 3_000)).toEqual([
      'BLMPOP',
      '3',
      '1',
      'k',
      'LEFT',
    ]);
    expect(
      withServerTimeout(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '2000', 'STREAMS', 's', '>'], 750.2),
    ).toEqual(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '751', 'STREAMS', 's', '>']);
  });

  it('never asks for 0 (wait forever) when no time is left, and the plan reads it back', () => {
    const args = withServerTimeout(['BLPOP', 'a', '1'], -20);
    expect(args).toEqual(['BLPOP', 'a', '0.001']);
    expect(blockingPlan(args)?.serverTimeout).toBe(1);
  });

  it('leaves a non-blocking command alone', () => {
    const args = ['GET', 'a'];
    expect(withServerTimeout(args, 100)).toBe(args);
  });
});
