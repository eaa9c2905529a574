/** The kube lab: a minikube-like network in Linux namespaces (needs root). Importing it needs nothing. */
export * as kubeAddressPlan from './address-plan.js';
export { describeKubeLab } from './describe.js';
export type { IngressRoute } from './ingress.js';
export { KubeLab, startKubeLab } from './kube-lab.js';
export {
  canUseNetns,
  type ExecResult,
  LAB_UNAVAILABLE,
  LabUnavailableError,
  netnsUnavailableReason,
  sweepLeftoverNamespaces,
} from './netns.js';
export type { KubeNamespaceRole, KubeNamespaces } from './network.js';
export { sweepKubeLeftovers } from './sweep.js';
export type {
  KubeClusterNode,
  KubeClusterNodeState,
  KubeEndpoint,
  KubeLabOptions,
  KubePodMove,
  KubeRunOptions,
  KubeSentinel,
  KubeSentinelDataNode,
} from './types.js';
