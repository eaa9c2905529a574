import type { RespArg } from '../../resp/index.js';

/** How a command blocks: where it must run and how long the server may hold it. */
export interface BlockingPlan {
  /**
   * `dedicated`: on a connection of its own (it holds its connection while it waits).
   * `same`: on the shared connection (WAIT/WAITAOF wait for the writes of the connection they run on).
   */
  placement: 'dedicated' | 'same';
  /** How long the server may hold the command, in ms; 0 means forever. */
  serverTimeout: number;
}

const LAST_ARG_SECONDS = new Set(['BLPOP', 'BRPOP', 'BRPOPLPUSH', 'BLMOVE', 'BZPOPMIN', 'BZPOPMAX']);
const SECOND_ARG_SECONDS = new Set(['BLMPOP', 'BZMPOP']);

/**
 * The blocking plan of a command, or undefined when it does not block (XREAD without BLOCK, every
 * non-blocking command). Cheap for the hot path: only names starting with B, W or X are examined.
 */
export function blockingPlan(args: readonly RespArg[]): BlockingPlan | undefined {
  const first = args[0];
  if (typeof first !== 'string' || first.length < 4) return undefined;
  const initial = first.charCodeAt(0) | 0x20;
  if (initial !== 0x62 && initial !== 0x77 && initial !== 0x78) return undefined; // b, w, x
  const name = first.toUpperCase();
  if (LAST_ARG_SECONDS.has(name))
    return { placement: 'dedicated', serverTimeout: seconds(args[args.length - 1]) };
  if (SECOND_ARG_SECONDS.has(name)) return { placement: 'dedicated', serverTimeout: seconds(args[1]) };
  if (name === 'WAIT' || name === 'WAITAOF') {
    return { placement: 'same', serverTimeout: millis(args[args.length - 1]) };
  }
  if (name === 'XREAD' || name === 'XREADGROUP') {
    for (let i = 1; i < args.length - 1; i++) {
      const arg = args[i];
      if (typeof arg === 'string' && arg.toUpperCase() === 'STREAMS') return undefined;
      if (typeof arg === 'string' && arg.toUpperCase() === 'BLOCK') {
        return { placement: 'dedicated', serverTimeout: millis(args[i + 1]) };
      }
    }
  }
  return undefined;
}

function seconds(arg: RespArg | undefined): number {
  const value = Number(Buffer.isBuffer(arg) ? arg.toString() : arg);
  return Number.isFinite(value) && value > 0 ? Math.ceil(value * 1000) : 0;
}

function millis(arg: RespArg | undefined): number {
  const value = Number(Buffer.isBuffer(arg) ? arg.toString() : arg);
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
}

/**
 * The client-side timeout of a blocking command: the server timeout plus max(commandTimeout, 1 s) (the
 * server checks blocked clients' deadlines on its timer, every 100 ms at the default hz); none when the
 * server may wait forever or timeouts are disabled.
 */
export function blockingTimeout(plan: BlockingPlan, commandTimeout: number): number {
  if (plan.serverTimeout === 0 || commandTimeout === 0) return 0;
  return plan.serverTimeout + Math.max(commandTimeout, 1000);
}

/**
 * `args` with the server timeout set to `ms` (at least 1 ms: the time left when the command is sent
 * again on another node, so that it waits no longer in total than asked).
 */
export function withServerTimeout(args: readonly RespArg[], ms: number): readonly RespArg[] {
  const first = args[0];
  if (typeof first !== 'string') return args;
  const name = first.toUpperCase();
  const left = Math.max(1, Math.ceil(ms));
  const copy = args.slice();
  if (LAST_ARG_SECONDS.has(name)) copy[copy.length - 1] = String(left / 1000);
  else if (SECOND_ARG_SECONDS.has(name)) copy[1] = String(left / 1000);
  else if (name === 'XREAD' || name === 'XREADGROUP') {
    const at = copy.findIndex((arg, i) => i > 0 && typeof arg === 'string' && arg.toUpperCase() === 'BLOCK');
    if (at < 0) return args;
    copy[at + 1] = String(left);
  } else return args;
  return copy;
}
