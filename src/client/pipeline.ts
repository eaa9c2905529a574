import {
  type ArgsOf,
  type CommandDefinition,
  type CommandTable,
  encodeCall,
  installCommands,
  type ReplyOf,
} from '../commands/command-definition.js';
import { type ClientCommands, clientCommands } from '../commands/command-set.js';
import type { Availability } from '../commands/server-version.js';
import type { RespArg, RespValue } from '../resp/index.js';

/** A pipeline offers every client command (EXEC is not one: transactions use client.multi()). */
type PipelineCommands = ClientCommands;

const pipelineCommands: PipelineCommands = clientCommands;

/** What a pipeline needs from its client: send one command with the client's per-command policy. */
export interface PipelineTarget {
  sendCommand(args: readonly RespArg[], options?: { availability?: Availability }): Promise<RespValue>;
}

/** Chainable methods: each queues the command and returns the pipeline with the reply type appended. */
export type PipelineCommandMethods<D extends CommandTable, T extends unknown[]> = {
  [K in keyof D]: (...args: ArgsOf<D[K]>) => Pipeline<[...T, ReplyOf<D[K]>]>;
};

/** Each entry's reply, or the Error that command got (errors are per entry, never thrown for the batch). */
export type PipelineResults<T extends unknown[]> = T extends []
  ? unknown[]
  : { [K in keyof T]: T[K] | Error };

interface Entry {
  args: readonly RespArg[];
  transform: ((reply: RespValue, buffers: boolean) => unknown) | undefined;
  availability: Availability | undefined;
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
    this.entries.push({ args: [command, ...args], transform: undefined, availability: undefined });
    return this as unknown as Pipeline<[...T, RespValue]>;
  }

  /** Sends every queued command and resolves with their results in order; a failed command's slot holds its Error. */
  async exec(): Promise<PipelineResults<T>> {
    const entries = this.entries.splice(0);
    const pending = entries.map((entry) => {
      const sent = this.target.sendCommand(
        entry.args,
        entry.availability === undefined ? undefined : { availability: entry.availability },
      );
      const transform = entry.transform;
      if (transform === undefined) return sent.catch(asError);
      return sent.then((reply) => transform(reply, false), asError);
    });
    return (await Promise.all(pending)) as PipelineResults<T>;
  }

  /** @internal Queues a typed command. */
  queue(definition: CommandDefinition, args: unknown[]): this {
    this.entries.push({
      args: encodeCall(definition, args),
      transform: definition.transform,
      availability: definition.availability,
    });
    return this;
  }
}

export interface Pipeline<T extends unknown[] = []> extends PipelineCommandMethods<PipelineCommands, T> {}

installCommands<Pipeline>(Pipeline.prototype, pipelineCommands, function (definition, args) {
  return this.queue(definition, args);
});

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
