/** Applies the rewrite a reply kind calls for; redirect errors are rewritten whatever the kind. */
import type { RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';
import { rewriteClientInfo, rewriteConfigGet } from './client-info-rewrite.js';
import {
  rewriteClusterNodes,
  rewriteClusterReplicas,
  rewriteClusterShards,
  rewriteClusterSlots,
} from './cluster-rewrite.js';
import { frameItems } from './frame-values.js';
import { rewriteRedirectFrame, rewriteRedirectsDeep } from './redirect-rewrite.js';
import { rewriteInfo, rewriteRole } from './replication-rewrite.js';
import type { ReplyKind } from './reply-kind.js';
import {
  rewritePubsubEvent,
  rewriteSentinelAddress,
  rewriteSentinelRecord,
  rewriteSentinelRecords,
} from './sentinel-rewrite.js';

/**
 * Rewrites `frame`, the reply to a request of `kind`. For EXEC, `queued` holds the kinds of the
 * commands of the transaction, in order; each result is rewritten as its command's reply.
 */
export function rewriteReply(
  kind: ReplyKind,
  frame: RespFrame,
  rw: AddressRewriter,
  queued?: readonly ReplyKind[],
): RespFrame {
  if (frame.type === 'error' || frame.type === 'bulkError') return rewriteRedirectFrame(frame, rw);
  if (frame.type === 'attribute') return { ...frame, value: rewriteReply(kind, frame.value, rw, queued) };
  switch (kind) {
    case 'cluster-nodes':
      return rewriteClusterNodes(frame, rw);
    case 'cluster-replicas':
      return rewriteClusterReplicas(frame, rw);
    case 'cluster-slots':
      return rewriteClusterSlots(frame, rw);
    case 'cluster-shards':
      return rewriteClusterShards(frame, rw);
    case 'role':
      return rewriteRole(frame, rw);
    case 'info':
      return rewriteInfo(frame, rw);
    case 'sentinel-address':
      return rewriteSentinelAddress(frame, rw);
    case 'sentinel-record':
      return rewriteSentinelRecord(frame, rw);
    case 'sentinel-records':
      return rewriteSentinelRecords(frame, rw);
    case 'pubsub-event':
      return rewritePubsubEvent(frame, rw);
    case 'client-info':
      return rewriteClientInfo(frame, rw);
    case 'config-get':
      return rewriteConfigGet(frame, rw);
    case 'exec': {
      const items = frameItems(frame);
      if (items === undefined) return frame;
      for (let i = 0; i < items.length; i++) {
        const inner = queued?.[i];
        items[i] =
          inner === undefined ? rewriteRedirectsDeep(items[i], rw) : rewriteReply(inner, items[i], rw);
      }
      return frame;
    }
    default:
      return frame;
  }
}
