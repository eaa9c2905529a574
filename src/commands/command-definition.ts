import type { RespArg, RespValue } from '../resp/index.js';

/**
 * A command as data: how its arguments become the wire form, and how its reply becomes the JS shape
 * (the same shape whether the connection speaks RESP2 or RESP3). Typed client and pipeline methods
 * are derived from these definitions; nothing is written once per method.
 */
// biome-ignore lint/suspicious/noExplicitAny: parameters are contravariant; `any[]` lets every definition fit the table type.
export interface CommandDefinition<A extends readonly unknown[] = readonly any[], R = unknown> {
  readonly encode: (...args: A) => RespArg[];
  readonly transform: ((reply: RespValue) => R) | undefined;
}

/** Defines a command from its argument encoder and optional reply transform. */
export function defineCommand<A extends readonly unknown[], R = RespValue>(
  encode: (...args: A) => RespArg[],
  transform?: (reply: RespValue) => R,
): CommandDefinition<A, R> {
  return { encode, transform };
}

/** A table of named command definitions (method name → definition). */
export type CommandTable = Record<string, CommandDefinition>;

/** Methods returning a promise of the transformed reply, one per definition. */
export type AsyncCommandMethods<T extends CommandTable> = {
  [K in keyof T]: T[K] extends CommandDefinition<infer A, infer R> ? (...args: A) => Promise<R> : never;
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
