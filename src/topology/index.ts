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
  type TopologyChange,
} from './cluster/index.js';
export type { KeyspacePart, KeyspaceReply, Topology } from './topology.js';
