/**
 * A least-recently-used map bounded by entry count and by (estimated) bytes. Map iteration order is
 * insertion order, so the first key is the least recently used once reads re-insert their key.
 */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private bytesValue = 0;
  /** Entries removed to stay within the bounds. */
  evictions = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.bytesValue;
  }

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes) return;
    this.delete(key);
    this.map.set(key, { value, bytes });
    this.bytesValue += bytes;
    while (this.map.size > this.maxEntries || this.bytesValue > this.maxBytes) {
      const [oldest, entry] = this.map.entries().next().value as [string, { value: V; bytes: number }];
      this.delete(oldest);
      this.evictions++;
      this.onEvict?.(oldest, entry.value);
    }
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    this.bytesValue -= entry.bytes;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.bytesValue = 0;
  }
}
