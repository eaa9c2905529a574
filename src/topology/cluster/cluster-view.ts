/**
 * The cluster as one node described it, whatever the command used (CLUSTER SHARDS, SLOTS or NODES):
 * shards with their primary, replicas and slot ranges. Addresses are the announced ones (after the
 * endpoint rules), never mapped: mapping happens when a socket is opened.
 */
import type { AddressSource } from '../../address/index.js';

/** One node as announced. */
export interface ClusterNodeInfo {
  /** Node id (40 hex chars); undefined when the reply did not carry it (old CLUSTER SLOTS). */
  readonly id: string | undefined;
  /** Announced host (IP or hostname; IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** Hostname metadata (Redis 7 `cluster-announce-hostname`), when announced. */
  readonly hostname: string | undefined;
  readonly role: 'primary' | 'replica';
  /** For a replica: its primary's id, when known. */
  readonly primaryId: string | undefined;
  /** False when flagged fail / fail? / handshake / loading / failed health. */
  readonly healthy: boolean;
  /** Raw CLUSTER NODES flags (empty for the other replies). */
  readonly flags: readonly string[];
  /**
   * CLUSTER SHARDS said health `loading`: only that the answering node has heard of no replication offset
   * yet (a fresh replica, before the first write or replication PING). The replica's own ROLE may say it
   * is in sync (read-readiness.ts).
   */
  readonly loading?: boolean;
  /** The node's config epoch (CLUSTER NODES only): a promotion raises it above its old primary's. */
  readonly configEpoch?: number;
}

/** A primary, its replicas and the slot ranges it owns (inclusive). */
export interface ClusterShardInfo {
  readonly primary: ClusterNodeInfo;
  readonly replicas: ClusterNodeInfo[];
  readonly slots: Array<readonly [number, number]>;
}

/** An in-progress slot migration seen in CLUSTER NODES (`[slot->-id]` / `[slot-<-id]`). */
export interface SlotMigrationMarker {
  readonly slot: number;
  readonly direction: 'migrating' | 'importing';
  /** The node that printed the marker. */
  readonly nodeId: string;
  /** The other side of the migration. */
  readonly peerId: string;
}

export interface ClusterView {
  readonly source: Extract<AddressSource, 'cluster-shards' | 'cluster-slots' | 'cluster-nodes'>;
  readonly shards: ClusterShardInfo[];
  readonly migrations: SlotMigrationMarker[];
}

/** How the parsers apply the endpoint rules. */
export interface ViewParseOptions {
  /** The node that sent the reply: a NULL or empty endpoint means this host. */
  readonly answeredBy: { readonly host: string; readonly port: number };
  /** Use the announced hostname metadata instead of the IP/endpoint when present (default false). */
  readonly preferHostname?: boolean;
  /**
   * The client connects with TLS: of the two ports CLUSTER SHARDS lists for a node that listens both
   * ways (`port`, `tls-port`), take the TLS one (default false: the plain one). CLUSTER SLOTS and NODES
   * already answer with the port of the asking connection's kind.
   */
  readonly tls?: boolean;
}

export const SLOT_COUNT = 16384;
