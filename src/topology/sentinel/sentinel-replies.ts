/** Parsers for the sentinel replies and events the topology uses (RESP2 flat arrays and RESP3 maps). */
import type { NodeAddress } from '../../address/index.js';
import { type RespValue, replyText } from '../../resp/index.js';

/** `SENTINEL get-master-addr-by-name`: the address, or undefined for a null reply (unknown name). */
export function parseMasterAddress(reply: RespValue): NodeAddress | undefined {
  if (reply === null) return undefined;
  if (!Array.isArray(reply) || reply.length < 2) return undefined;
  const host = replyText(reply[0]);
  const port = Number(replyText(reply[1]));
  if (host === undefined || !Number.isInteger(port) || port <= 0) return undefined;
  return { host, port };
}

/** One instance of `SENTINEL SENTINELS` / `SENTINEL REPLICAS`: field name → value. */
export type InstanceRecord = ReadonlyMap<string, string>;

/** A list of instance records, each a RESP3 map or a RESP2 flat `field value ...` array. */
export function parseInstanceList(reply: RespValue): InstanceRecord[] {
  if (!Array.isArray(reply)) return [];
  return reply.map(parseRecord);
}

/** One instance record reply (`SENTINEL MASTER NAME`). */
export function parseRecordReply(reply: RespValue): InstanceRecord {
  return parseRecord(reply);
}

function parseRecord(value: RespValue): InstanceRecord {
  const record = new Map<string, string>();
  if (value instanceof Map) {
    for (const [key, field] of value) {
      const k = replyText(key);
      const v = replyText(field);
      if (k !== undefined && v !== undefined) record.set(k, v);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i + 1 < value.length; i += 2) {
      const k = replyText(value[i]);
      const v = replyText(value[i + 1]);
      if (k !== undefined && v !== undefined) record.set(k, v);
    }
  }
  return record;
}

/** The announced `ip`/`port` of an instance record. */
export function recordAddress(record: InstanceRecord): NodeAddress | undefined {
  const host = record.get('ip');
  const port = Number(record.get('port'));
  if (host === undefined || host === '' || !Number.isInteger(port) || port <= 0) return undefined;
  return { host, port };
}

const UNHEALTHY_FLAGS = new Set(['s_down', 'o_down', 'disconnected']);

/** A replica fit to serve reads: not flagged down or disconnected, and its link to the master is up. */
export function isHealthyReplica(record: InstanceRecord): boolean {
  const flags = (record.get('flags') ?? '').split(',');
  if (flags.some((flag) => UNHEALTHY_FLAGS.has(flag))) return false;
  return record.get('master-link-status') !== 'err';
}

/** Whether a ROLE reply says master. */
export function isMasterRole(reply: RespValue): boolean {
  return Array.isArray(reply) && replyText(reply[0]) === 'master';
}

/** `+switch-master` payload: `NAME OLD-IP OLD-PORT NEW-IP NEW-PORT`. */
export function parseSwitchMaster(payload: string): { name: string; announced: NodeAddress } | undefined {
  const parts = payload.split(' ');
  if (parts.length < 5) return undefined;
  const port = Number(parts[4]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { name: parts[0] ?? '', announced: { host: parts[3] ?? '', port } };
}

/** `+promoted-slave` payload: `slave IP:PORT IP PORT @ NAME OLD-IP OLD-PORT`: the promoted replica. */
export function parsePromotedReplica(payload: string): { name: string; announced: NodeAddress } | undefined {
  const parts = payload.split(' ');
  const at = parts.indexOf('@');
  const port = Number(parts[3]);
  if (at < 0 || parts[0] !== 'slave' || !Number.isInteger(port) || port <= 0) return undefined;
  return { name: parts[at + 1] ?? '', announced: { host: parts[2] ?? '', port } };
}

/**
 * Master name an instance event (`+sdown`, `+slave`, ...) concerns: `TYPE NAME IP PORT @ MASTER IP PORT`
 * for replicas and sentinels, `master NAME IP PORT` for the master itself.
 */
export function eventMasterName(payload: string): string | undefined {
  const parts = payload.split(' ');
  const at = parts.indexOf('@');
  if (at >= 0) return parts[at + 1];
  if (parts[0] === 'master') return parts[1];
  return undefined;
}
