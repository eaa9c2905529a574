export { ClusterError, type ClusterErrorCode, slotMigratingError } from './cluster-error.js';
export {
  ClusterTopology,
  type ClusterTopologyOptions,
  type TopologyChange,
} from './cluster-topology.js';
export {
  parseClusterNodes,
  parseClusterNodesLine,
  parseClusterShards,
  parseClusterSlots,
  parseNodeAddress,
  resolveEndpoint,
} from './cluster-topology-parsers.js';
export type {
  ClusterNodeInfo,
  ClusterShardInfo,
  ClusterView,
  SlotMigrationMarker,
  ViewParseOptions,
} from './cluster-view.js';
export { keySlot, planCommand, type RoutePlan } from './command-routing.js';
export type { ReadFrom, ReadFromContext, ReadFromFunction, ReadFromNode } from './read-from.js';
export { type NodeEntry, type Shard, SlotMap } from './slot-map.js';
