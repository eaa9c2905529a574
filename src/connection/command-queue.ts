/**
 * FIFO of pending commands: an array and a head cursor, compacted lazily, so shift() is O(1)
 * without the cost of Array.prototype.shift on long queues.
 */
export class CommandQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Appends `batch` in order; an empty queue adopts the array itself (the caller gives it up). */
  pushAll(batch: T[]): void {
    if (this.head === this.items.length) {
      this.items = batch;
      this.head = 0;
      return;
    }
    for (let i = 0; i < batch.length; i++) this.items.push(batch[i]);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }

  /** Puts items back at the front, keeping their order (used to re-queue in-flight commands). */
  unshiftAll(items: readonly T[]): void {
    if (items.length === 0) return;
    this.items = [...items, ...(this.items.slice(this.head) as T[])];
    this.head = 0;
  }

  /** Removes the items for which `drop` returns true, keeping the order of the rest. */
  removeWhere(drop: (item: T) => boolean): void {
    const kept: (T | undefined)[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (!drop(item)) kept.push(item);
    }
    this.items = kept;
    this.head = 0;
  }

  forEach(fn: (item: T) => void): void {
    for (let i = this.head; i < this.items.length; i++) fn(this.items[i] as T);
  }
}
