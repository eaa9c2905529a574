/**
 * CLUSTER SHARDS can leave slots without an owner that do have one. Redis 7.2 and 7.4 build each
 * shard's slot list from the FIRST node of the shard (`addShardReplyForClusterShards` takes that
 * node's primary's slot info): after a failover the failed old primary stays flagged `master` in the
 * same shard, and when it comes first the shard is listed with `slots []` while the promoted primary
 * owns the range. CLUSTER SLOTS is built from the slot table itself, so it still names the owner.
 *
 * So a SHARDS view that leaves slots uncovered is checked against CLUSTER SLOTS from the same node,
 * and the view that names an owner for more slots wins: a client never concludes that part of the
 * keyspace has no owner while the node it asked knows one.
 */
import type { ClusterView } from './cluster-view.js';
import { SLOT_COUNT } from './cluster-view.js';

/** How many distinct slots a view assigns to some primary. */
export function coveredSlotCount(view: ClusterView): number {
  const covered = new Uint8Array(SLOT_COUNT);
  let count = 0;
  for (const shard of view.shards) {
    for (const [start, end] of shard.slots) {
      for (let slot = start; slot <= end; slot++) {
        if (covered[slot] === 0) {
          covered[slot] = 1;
          count++;
        }
      }
    }
  }
  return count;
}

/** True when a SHARDS view leaves some slot without an owner and is worth checking with CLUSTER SLOTS. */
export function needsSlotsCrossCheck(shardsView: ClusterView): boolean {
  return coveredSlotCount(shardsView) < SLOT_COUNT;
}

/**
 * The view to use: the SHARDS view unless the SLOTS view (from the same node, same moment) names an
 * owner for more slots. Ties keep SHARDS, which carries replica health and hostnames.
 */
export function preferCoveringView(shardsView: ClusterView, slotsView: ClusterView | undefined): ClusterView {
  if (slotsView === undefined) return shardsView;
  return coveredSlotCount(slotsView) > coveredSlotCount(shardsView) ? slotsView : shardsView;
}
