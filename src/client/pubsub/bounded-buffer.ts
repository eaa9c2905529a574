/**
 * A FIFO with a fixed capacity that drops its oldest item when full (a ring buffer: O(1) push and shift,
 * memory bounded by the capacity whatever the producer does).
 */
export class BoundedBuffer<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Appends `item`; returns true when the oldest item was dropped to make room. */
  push(item: T): boolean {
    const tail = (this.head + this.size) % this.capacity;
    this.items[tail] = item;
    if (this.size < this.capacity) {
      this.size++;
      return false;
    }
    this.head = (this.head + 1) % this.capacity;
    return true;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.size = 0;
  }
}
