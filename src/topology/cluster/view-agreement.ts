/**
 * Topology agreement: a refresh asks several nodes for their view and applies the one most of them
 * hold, so one node that has not yet heard of a failover (or still believes a dead primary owns its
 * slots) cannot roll the slot map back. Views are compared by slot ownership only: replica lists differ
 * between nodes for harmless reasons (CLUSTER SLOTS hides replicas that have not synced yet).
 */
import type { ClusterView } from './cluster-view.js';
import { SlotMap } from './slot-map.js';

/** One node's answer to a topology query. */
export interface ViewAnswer {
  /** Announced `host:port` of the node that answered. */
  readonly from: string;
  readonly view: ClusterView;
}

/** The outcome of {@link chooseView}. */
export interface ViewChoice {
  readonly chosen: ViewAnswer;
  /** How many answers hold the chosen ownership. */
  readonly votes: number;
  /** How many different ownerships the answers showed (1: all agreed). */
  readonly distinct: number;
}

/**
 * Which primary (by id, else address) owns which slots: equal for views that agree on routing; empty
 * when the view assigns no slot. See {@link SlotMap.ownersKey}.
 */
export function ownershipKey(view: ClusterView): string {
  return SlotMap.fromView(view).ownersKey((primary) => primary.id ?? primary.key);
}

interface Group {
  readonly answers: ViewAnswer[];
  readonly epoch: number;
  readonly unhealthyOwners: number;
  readonly covered: number;
  readonly firstIndex: number;
}

function describeGroup(view: ClusterView, firstIndex: number): Omit<Group, 'answers'> {
  let epoch = -1;
  let unhealthyOwners = 0;
  let covered = 0;
  for (const shard of view.shards) {
    if (shard.slots.length === 0) continue;
    epoch = Math.max(epoch, shard.primary.configEpoch ?? -1);
    if (!shard.primary.healthy) unhealthyOwners++;
    for (const [start, end] of shard.slots) covered += end - start + 1;
  }
  return { epoch, unhealthyOwners, covered, firstIndex };
}

/**
 * Picks the view held by most answers. Ties go to the view whose slot owners carry the highest config
 * epoch (known from CLUSTER NODES: a promoted replica gets a newer epoch than the primary it replaced),
 * then to the one with fewer slot owners flagged failing, then to the one covering more slots, then to
 * the earliest answer. Throws on an empty list.
 */
export function chooseView(answers: readonly ViewAnswer[]): ViewChoice {
  if (answers.length === 0) throw new Error('chooseView needs at least one answer');
  const groups = new Map<string, Group>();
  answers.forEach((answer, index) => {
    const key = ownershipKey(answer.view);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { answers: [answer], ...describeGroup(answer.view, index) });
    else group.answers.push(answer);
  });
  let best: Group | undefined;
  for (const group of groups.values()) {
    if (best === undefined || better(group, best)) best = group;
  }
  const chosen = best as Group;
  return { chosen: chosen.answers[0], votes: chosen.answers.length, distinct: groups.size };
}

function better(a: Group, b: Group): boolean {
  if (a.answers.length !== b.answers.length) return a.answers.length > b.answers.length;
  if (a.epoch !== b.epoch) return a.epoch > b.epoch;
  if (a.unhealthyOwners !== b.unhealthyOwners) return a.unhealthyOwners < b.unhealthyOwners;
  if (a.covered !== b.covered) return a.covered > b.covered;
  return a.firstIndex < b.firstIndex;
}
