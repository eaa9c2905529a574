/** Public shapes of the kube lab (see kube-lab.ts for the behaviour). */
import type { ExecResult } from './netns.js';

/** Options of {@link startKubeLab}. Every part is optional so tests start only what they need. */
export interface KubeLabOptions {
  /** Start the 3 primaries + 3 replicas cluster at 198.18.0.11-16. Default true. */
  cluster?: boolean;
  /** Start the sentinel group (198.18.0.21-23 data nodes, 198.18.0.31-33 sentinels). Default true. */
  sentinel?: boolean;
  /** Also expose every node and sentinel on its own ingress port (for discover / map). Default true. */
  exposeEach?: boolean;
  /** `cluster-node-timeout` in ms. Default 2000. */
  clusterNodeTimeoutMs?: number;
  /** Sentinel master name. Default `mymaster`. */
  masterName?: string;
  /** `sentinel down-after-milliseconds`. Default 2000. */
  sentinelDownAfterMs?: number;
  /** `sentinel failover-timeout`. Default 6000. */
  sentinelFailoverTimeoutMs?: number;
  /** Milliseconds allowed for each start-up step (a server answering, the cluster forming...). Default 30 000. */
  timeoutMs?: number;
}

/** A Redis process of the lab, where it lives inside and how the laptop reaches it. */
export interface KubeEndpoint {
  /** `host:port` inside the cluster network (what the servers announce). */
  readonly internal: string;
  readonly host: string;
  readonly port: number;
  /** `198.19.0.1:port` on the ingress, when exposed. */
  readonly ingress: string | undefined;
  readonly pid: number;
  readonly logFile: string;
}

/** A cluster node. Its role at start-up; {@link KubeLab.clusterState} reads the live roles. */
export interface KubeClusterNode extends KubeEndpoint {
  /** CLUSTER MYID (stable for the lab's life). */
  readonly id: string;
}

/** A data node of the sentinel group. */
export interface KubeSentinelDataNode extends KubeEndpoint {
  /** INFO server run_id (what SENTINEL MASTER / REPLICAS report as `runid`). */
  readonly runId: string;
}

/** A sentinel. */
export interface KubeSentinel extends KubeEndpoint {
  /** SENTINEL MYID. */
  readonly id: string;
}

/** Live role of a cluster node. */
export interface KubeClusterNodeState {
  readonly internal: string;
  readonly id: string;
  readonly role: 'primary' | 'replica';
  readonly primaryId: string | undefined;
  readonly slots: ReadonlyArray<readonly [number, number]>;
  readonly ingress: string | undefined;
}

/** What {@link KubeLab.moveClusterPods} / {@link KubeLab.moveSentinelPods} did, with epoch-ms times. */
export interface KubePodMove {
  /** Old internal `host:port` → new internal `host:port`, for every moved process. */
  readonly moves: Readonly<Record<string, string>>;
  /** When the first process was stopped (its ingress ports closed just before). */
  readonly stoppedAt: number;
  /** When every old process had exited (their addresses are removed next). */
  readonly downAt: number;
  /** When the ingress ports led to the new addresses again (every new process answered PING). */
  readonly routedAt: number;
  /** When the group was healthy again (cluster stable / sentinels agreed, replicas in sync). */
  readonly healthyAt: number;
}

/** Options of {@link KubeLab.runInLaptop} and {@link KubeLab.exec}. */
export interface KubeRunOptions {
  /** Killed (SIGKILL) after this many ms; the result then has `timedOut: true`. Default 30 000. */
  timeoutMs?: number;
  /** Extra environment variables (added to this process's environment). */
  env?: Record<string, string>;
}

export type { ExecResult };
