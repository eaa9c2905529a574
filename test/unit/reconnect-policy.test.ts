import { describe, expect, it } from 'vitest';
import { CommandQueue } from '../../src/connection/command-queue.js';
import { reconnectDelay } from '../../src/connection/reconnect-policy.js';

describe('reconnectDelay', () => {
  const noJitter = () => 0.5;
  it('constant', () => {
    const policy = { kind: 'constant', delay: 100, maxAttempts: 2 } as const;
    expect([1, 2, 3].map((n) => reconnectDelay(policy, n, noJitter))).toEqual([100, 100, undefined]);
  });
  it('linear with a cap', () => {
    const policy = { kind: 'linear', delay: 100, maxDelay: 250 } as const;
    expect([1, 2, 3, 4].map((n) => reconnectDelay(policy, n, noJitter))).toEqual([100, 200, 250, 250]);
  });
  it('exponential with a cap', () => {
    const policy = { kind: 'exponential', base: 50, maxDelay: 300 } as const;
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(policy, n, noJitter))).toEqual([50, 100, 200, 300, 300]);
  });
  it('jitter stays within its band', () => {
    const policy = { kind: 'constant', delay: 1000, jitter: 0.2 } as const;
    expect(reconnectDelay(policy, 1, () => 0)).toBe(800);
    expect(reconnectDelay(policy, 1, () => 1)).toBe(1200);
  });
  it('false never reconnects', () => {
    expect(reconnectDelay(false, 1)).toBeUndefined();
  });
});

describe('CommandQueue', () => {
  it('is FIFO across compaction', () => {
    const queue = new CommandQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push(i);
    for (let i = 0; i < 4000; i++) expect(queue.shift()).toBe(i);
    expect(queue.length).toBe(1000);
    queue.unshiftAll([-2, -1]);
    expect(queue.shift()).toBe(-2);
    expect(queue.shift()).toBe(-1);
    queue.removeWhere((n) => n % 2 === 0);
    expect(queue.peek()).toBe(4001);
    expect(queue.drain().length).toBe(500);
    expect(queue.shift()).toBeUndefined();
  });
});
