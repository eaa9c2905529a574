import type { RespArg, RespValue } from '../resp/index.js';
import { type Availability, availabilityOf } from './server-version.js';

/**
 * A command as data: how its arguments become the wire form, and how its reply becomes the JS shape
 * (the same shape whether the connection speaks RESP2 or RESP3). Typed client and pipeline methods
 * are derived from these definitions; nothing is written once per method.
 */
// biome-ignore lint/suspicious/noExplicitAny: parameters are contravariant; `any[]` lets every definition fit the table type.
export interface CommandDefinition<A extends readonly unknown[] = readonly any[], R = unknown> {
  readonly encode: (...args: A) => RespArg[];
  /** Reply → JS shape; `buffers` is true on a `withBuffers()` view (bulk strings arrive as Buffers). */
  readonly transform: ((reply: RespValue, buffers: boolean) => R) | undefined;
  /** Which servers have the command (flavor and first version), checked before sending. */
  readonly availability?: Availability;
  /**
   * Type-only: the parameter and reply types, read by the method mapped types with a cheap indexed access
   * (no conditional `infer` per method). Never set at run time.
   */
  readonly types?: { readonly args: A; readonly reply: R };
}

/** Parameters of a definition's method. */
export type ArgsOf<D extends CommandDefinition> = NonNullable<D['types']>['args'];
/** Reply type of a definition's method. */
export type ReplyOf<D extends CommandDefinition> = NonNullable<D['types']>['reply'];

/**
 * Encodes a typed call, checking that every wire argument is a string, Buffer, number or bigint: a wrong
 * argument (an object where a key belongs) throws a TypeError naming it instead of reaching the socket.
 */
export function encodeCall(definition: CommandDefinition, args: readonly unknown[]): RespArg[] {
  const wire = definition.encode(...args);
  for (let i = 0; i < wire.length; i++) {
    const arg: unknown = wire[i];
    const type = typeof arg;
    if (type !== 'string' && type !== 'number' && type !== 'bigint' && !Buffer.isBuffer(arg)) {
      throw new TypeError(
        `${String(wire[0])}: argument ${i} must be a string, Buffer or number, got ${arg === null ? 'null' : Array.isArray(arg) ? 'an array' : type}`,
      );
    }
  }
  return wire;
}

/** Defines a command from its argument encoder and optional reply transform. */
export function defineCommand<A extends readonly unknown[], R = RespValue>(
  encode: (...args: A) => RespArg[],
  transform?: (reply: RespValue, buffers: boolean) => R,
  since?: string | Availability,
): CommandDefinition<A, R> {
  return since === undefined
    ? { encode, transform }
    : { encode, transform, availability: availabilityOf(since) };
}

/** A table of named command definitions (method name → definition). */
export type CommandTable = Record<string, CommandDefinition>;

/** Methods returning a promise of the transformed reply, one per definition. */
export type AsyncCommandMethods<T extends CommandTable> = {
  [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<ReplyOf<T[K]>>;
};

/**
 * Replies as a `withBuffers()` view types them: every `string` (not a literal such as 'OK') becomes a Buffer,
 * deeply; raw `RespValue` replies stay as they are (bulk strings in them are Buffers).
 */
export type WithBuffers<R> = [RespValue] extends [R]
  ? R
  : R extends string
    ? string extends R
      ? Buffer
      : R
    : R extends number | boolean | bigint | null | undefined | Buffer | Error
      ? R
      : R extends readonly unknown[]
        ? { [K in keyof R]: WithBuffers<R[K]> }
        : { [K in keyof R]: WithBuffers<R[K]> };

/** Methods of a `withBuffers()` view: the same arguments, bulk strings in the reply as Buffers. */
export type BufferCommandMethods<T extends CommandTable> = {
  [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<WithBuffers<ReplyOf<T[K]>>>;
};

/**
 * Installs one method per definition on `target`; each calls `run(definition, args)`.
 * Used for client prototypes and pipelines alike, so both always offer the same commands.
 */
export function installCommands<Self>(
  target: object,
  table: CommandTable,
  run: (this: Self, definition: CommandDefinition, args: unknown[]) => unknown,
): void {
  for (const name of Object.keys(table)) {
    const definition = table[name];
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: Self, ...args: unknown[]) {
        return run.call(this, definition, args);
      },
    });
  }
}
