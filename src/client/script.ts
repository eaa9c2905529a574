import { createHash } from 'node:crypto';
import { ReplyError, type RespArg, type RespValue } from '../resp/index.js';
import type { CommandOptions, CommandTarget } from './command-view.js';

/** Options of {@link defineScript}. */
export interface ScriptOptions {
  /** How many of the run() arguments are keys (the rest are ARGV). Keys route the script in a cluster. */
  numberOfKeys: number;
}

/**
 * A Lua script run by its SHA1 (EVALSHA). When the server does not have it (NOSCRIPT: first use, after a
 * restart, SCRIPT FLUSH, another cluster node) it is sent once with EVAL, which also caches it there;
 * later runs go back to EVALSHA. The SHA1 is computed locally, so no SCRIPT LOAD round trip is needed.
 */
export class Script {
  readonly lua: string;
  readonly sha: string;
  readonly numberOfKeys: number;

  constructor(lua: string, options: ScriptOptions) {
    if (!Number.isInteger(options.numberOfKeys) || options.numberOfKeys < 0) {
      throw new TypeError(
        `numberOfKeys must be a non-negative integer (got ${String(options.numberOfKeys)}).`,
      );
    }
    this.lua = lua;
    this.numberOfKeys = options.numberOfKeys;
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script on `target` (a client or an isolated connection): keys first, then arguments. */
  async run(
    target: CommandTarget,
    keysAndArgs: readonly RespArg[],
    options?: CommandOptions,
  ): Promise<RespValue> {
    if (keysAndArgs.length < this.numberOfKeys) {
      throw new TypeError(
        `The script takes ${this.numberOfKeys} key(s); got ${keysAndArgs.length} argument(s).`,
      );
    }
    try {
      return await target.sendCommand(['EVALSHA', this.sha, this.numberOfKeys, ...keysAndArgs], options);
    } catch (error) {
      if (!(error instanceof ReplyError) || error.code !== 'NOSCRIPT') throw error;
      return target.sendCommand(['EVAL', this.lua, this.numberOfKeys, ...keysAndArgs], options);
    }
  }
}

/** A script bound to a client: `await script.run('key', 'arg')`. */
export interface BoundScript {
  readonly sha: string;
  readonly script: Script;
  run(...keysAndArgs: RespArg[]): Promise<RespValue>;
}

/**
 * Defines a Lua script once, to run on any client or isolated connection.
 *
 * ```ts
 * const incrCapped = defineScript('local v = redis.call("INCR", KEYS[1]) ...', { numberOfKeys: 1 });
 * await incrCapped.run(client, ['counter', 10]);
 * ```
 */
export function defineScript(lua: string, options: ScriptOptions): Script {
  return new Script(lua, options);
}
