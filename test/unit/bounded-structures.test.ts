import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/client/cache/lru-cache.js';
import { BoundedBuffer } from '../../src/client/pubsub/bounded-buffer.js';
import { pushConfirmationFor } from '../../src/connection/pubsub-frames.js';

describe('BoundedBuffer', () => {
  it('keeps the newest items and reports each drop', () => {
    const buffer = new BoundedBuffer<number>(3);
    const drops = [1, 2, 3, 4, 5].map((n) => buffer.push(n));
    expect(drops).toEqual([false, false, false, true, true]);
    expect([buffer.shift(), buffer.shift(), buffer.shift(), buffer.shift()]).toEqual([3, 4, 5, undefined]);
    buffer.push(6);
    expect(buffer.length).toBe(1);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry past the entry or byte bound', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string>(2, 100, (key) => evicted.push(key));
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 10);
    cache.get('a'); // a is now the most recent
    cache.set('c', 'C', 10);
    expect(evicted).toEqual(['b']);
    cache.set('big', 'X', 90); // 10 + 10 + 90 > 100: drops the oldest until it fits
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.get('big')).toBe('X');
    cache.set('huge', 'Y', 101); // larger than the whole cache: not stored
    expect(cache.get('huge')).toBeUndefined();
  });
});

describe('pushConfirmationFor', () => {
  it('recognises the subscribe family only', () => {
    expect(pushConfirmationFor(['SUBSCRIBE', 'a', 'b'])).toMatchObject({ kind: 'subscribe', remaining: 2 });
    expect(pushConfirmationFor(['punsubscribe'])).toMatchObject({ kind: 'punsubscribe', remaining: -1 });
    expect(pushConfirmationFor(['GET', 'k'])).toBeUndefined();
    expect(pushConfirmationFor(['SUBSCRIBER'])).toBeUndefined();
    expect(pushConfirmationFor(['PUBLISH', 'c', 'm'])).toBeUndefined();
  });
});
