import {
  type CommandDefinition,
  type CommandTable,
  installCommands,
} from '../commands/command-definition.js';
import { type CoreCommands, coreCommands } from '../commands/core-commands.js';
import { type FeatureCommands, featureCommands } from '../commands/feature-commands.js';
import type { RespArg, RespValue } from '../resp/index.js';

/** What a pipeline needs from its client: send one command with the client's per-command policy. */
export interface PipelineTarget {
  sendCommand(args: readonly RespArg[]): Promise<RespValue>;
}

/** Chainable methods: each queues the command and returns the pipeline with the reply type appended. */
export type PipelineCommandMethods<D extends CommandTable, T extends unknown[]> = {
  [K in keyof D]: D[K] extends CommandDefinition<infer A, infer R>
    ? (...args: A) => Pipeline<[...T, R]>
    : never;
};

/** Each entry's reply, or the Error that command got (errors are per entry, never thrown for the batch). */
export type PipelineResults<T extends unknown[]> = T extends []
  ? unknown[]
  : { [K in keyof T]: T[K] | Error };

interface Entry {
  args: readonly RespArg[];
  transform: ((reply: RespValue) => unknown) | undefined;
}

/**
 * A batch of commands sent together (in one write per connection) whose replies come back in order.
 * Not a transaction: other clients' commands may interleave; use multi() for atomicity.
 *
 * ```ts
 * const [a, b] = await client.pipeline().get('a').incr('n').exec();
 * ```
 */
export class Pipeline<T extends unknown[] = []> {
  private readonly entries: Entry[] = [];
  private readonly target: PipelineTarget;

  constructor(target: PipelineTarget) {
    this.target = target;
  }

  /** Number of queued commands. */
  get length(): number {
    return this.entries.length;
  }

  /** Queues any command by its arguments. */
  call(command: string, ...args: RespArg[]): Pipeline<[...T, RespValue]> {
    this.entries.push({ args: [command, ...args], transform: undefined });
    return this as unknown as Pipeline<[...T, RespValue]>;
  }

  /** Sends every queued command and resolves with their results in order; a failed command's slot holds its Error. */
  async exec(): Promise<PipelineResults<T>> {
    const entries = this.entries.splice(0);
    const pending = entries.map((entry) => {
      const sent = this.target.sendCommand(entry.args);
      return entry.transform === undefined ? sent.catch(asError) : sent.then(entry.transform, asError);
    });
    return (await Promise.all(pending)) as PipelineResults<T>;
  }

  /** @internal Queues a typed command. */
  queue(definition: CommandDefinition, args: unknown[]): this {
    this.entries.push({ args: definition.encode(...args), transform: definition.transform });
    return this;
  }
}

export interface Pipeline<T extends unknown[] = []>
  extends PipelineCommandMethods<CoreCommands & FeatureCommands, T> {}

installCommands<Pipeline>(
  Pipeline.prototype,
  { ...coreCommands, ...featureCommands },
  function (definition, args) {
    return this.queue(definition, args);
  },
);

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
