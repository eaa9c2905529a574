export { CentralizedTopology } from './centralized-topology.js';
export {
  ClusterError,
  type ClusterErrorCode,
  ClusterTopology,
  type ClusterTopologyOptions,
  keySlot,
  type ReadFrom,
  type ReadFromContext,
  type ReadFromFunction,
  type ReadFromNode,
  slotMigratingError,
  type TopologyChange,
} from './cluster/index.js';
export { READ_FROM_MODES, type ReadFromMode, type SentinelReadFrom } from './read-preference.js';
export {
  type Budget,
  commonVerdict,
  followRoute,
  newBudget,
  type Route,
  remaining,
  type Verdict,
} from './router.js';
export {
  SentinelError,
  type SentinelErrorCode,
  SentinelTopology,
  type SentinelTopologyOptions,
} from './sentinel/index.js';
export {
  hasStatefulConnections,
  judgePinned,
  pinnedBudget,
  pinnedExhausted,
  pinnedRouting,
  type StatefulConnections,
} from './stateful-connections.js';
export type { KeyspacePart, KeyspaceReply, Topology } from './topology.js';
export { isTransientRefusal, refusalDelay, refusalMayMeanNewOwner } from './transient-refusal.js';
export type { ZoneReadFrom } from './zone-read.js';
