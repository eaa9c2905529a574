export { ClusterError, type ClusterErrorCode } from './cluster-error.js';
export {
  ClusterTopology,
  type ClusterTopologyOptions,
  type ReadFrom,
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
export { type NodeEntry, type Shard, SlotMap } from './slot-map.js';
