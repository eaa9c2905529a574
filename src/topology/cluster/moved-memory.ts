/**
 * A refresh never adopts a view older than the one a MOVED just taught. The node that answered MOVED said
 * itself that it no longer serves the slot; a refreshed view (from nodes that have not heard of the move
 * yet) that still gives the slot to that node is older than what the client knows, so the slot keeps the
 * owner the MOVED named. This needs no config epoch (CLUSTER SHARDS and SLOTS carry none); a view that
 * gives the slot to any other node is adopted, and the memory of that slot ends.
 */
import type { SlotMap } from './slot-map.js';

export class MovedMemory {
  /** Slot -> key (`host:port`) of the node that said MOVED for it. */
  private readonly denied = new Map<number, string>();

  /** `sender` answered MOVED for `slot`. */
  learn(slot: number, sender: string): void {
    this.denied.set(slot, sender);
  }

  /**
   * Corrects `next` (a refreshed view, not applied yet) where it gives a slot back to the node that denied
   * it, with the owner `current` holds (what the MOVED taught). Returns the number of slots corrected.
   */
  correct(next: SlotMap, current: SlotMap | undefined): number {
    let corrected = 0;
    for (const [slot, sender] of this.denied) {
      const owner = next.shardOf(slot)?.primary;
      const taught = current?.shardOf(slot)?.primary;
      if (owner?.key !== sender || taught === undefined || taught.key === sender) {
        this.denied.delete(slot);
        continue;
      }
      next.moveSlot(slot, taught.host, taught.port);
      corrected++;
    }
    return corrected;
  }
}
