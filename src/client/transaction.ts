import {
  type CommandDefinition,
  type CommandTable,
  installCommands,
} from '../commands/command-definition.js';
import { extractKeys } from '../commands/command-table.js';
import { type CoreCommands, coreCommands } from '../commands/core-commands.js';
import { type FeatureCommands, featureCommands } from '../commands/feature-commands.js';
import type { Connection } from '../connection/index.js';
import { TransactionError } from '../errors.js';
import { RedirectError, ReplyError, type RespArg, type RespValue } from '../resp/index.js';
import { type Budget, followRoute, isTransientRefusal, type Verdict } from '../topology/index.js';
import type { KeyPrefix } from './key-prefix.js';

/** Chainable methods: each queues the command and returns the transaction with the reply type appended. */
export type TransactionCommandMethods<D extends CommandTable, T extends unknown[]> = {
  [K in keyof D]: D[K] extends CommandDefinition<infer A, infer R>
    ? (...args: A) => Transaction<[...T, R]>
    : never;
};

/** Each entry's reply, or the Error that command got while running (a failed entry does not undo the others). */
export type TransactionResults<T extends unknown[]> = T extends []
  ? unknown[]
  : { [K in keyof T]: T[K] | Error };

interface Entry {
  args: readonly RespArg[];
  transform: ((reply: RespValue) => unknown) | undefined;
}

/**
 * Finds the connection a transaction runs on, given all its keys (for a cluster: the node of their slot;
 * it throws, and nothing is sent, when they are not all in one slot).
 */
export type TransactionConnection = (keys: readonly RespArg[]) => Promise<Connection>;

/**
 * How a transaction follows its slot (from the topology, see topology/router.ts): the judgement of a
 * redirect or refusal that aborted it before anything ran, the ASK target's connection, its budget.
 */
export interface TransactionRouting {
  judge(error: unknown, budget: Budget): Verdict | Promise<Verdict>;
  /** The connection of the node an ASK names (absent: an ASK is not followed). */
  askConnection?(redirect: RedirectError): Promise<Connection>;
  budget(): Budget;
  exhausted(last: unknown): Error;
}

const ASKING: readonly RespArg[] = ['ASKING'];

/**
 * MULTI ... EXEC: the queued commands run atomically, all in one write on one connection.
 *
 * `exec()` resolves with the typed results, one per command (an Error where that command failed while
 * running); with **`null` when a WATCHed key changed** (the transaction did not run: retry it); and rejects
 * with a TransactionError (code ERR_EXECABORT, `errors` per entry) when the server refused a command while
 * queueing it, in which case nothing ran.
 *
 * In a cluster the transaction runs on the node of its first key: its keys must all hash to one slot, or
 * exec() rejects with a ClusterError (ERR_CLUSTER_CROSSSLOT) before sending anything. When that node no
 * longer owns the slot (MOVED or ASK while queueing, so nothing ran), the whole transaction is sent again
 * through the one loop (topology/router.ts, `maxRedirections`): to the new owner after MOVED, to the
 * importing node with ASKING before MULTI after ASK (the server keeps the flag for the whole MULTI),
 * after a pause on a transient refusal (TRYAGAIN). Inside `isolated()`, where the WATCHes belong to the
 * first node, a redirect rejects it with a ClusterError ERR_CLUSTER_SLOT_MIGRATING (retryable).
 *
 * ```ts
 * const results = await client.multi().incr('n').get('n').exec(); // [1, '1']
 * ```
 */
export class Transaction<T extends unknown[] = []> {
  private readonly entries: Entry[] = [];
  private readonly connectionFor: TransactionConnection;
  private readonly routing: TransactionRouting | undefined;
  private readonly keyPrefix: KeyPrefix | undefined;

  constructor(connectionFor: TransactionConnection, routing?: TransactionRouting, keyPrefix?: KeyPrefix) {
    this.connectionFor = connectionFor;
    this.routing = routing;
    this.keyPrefix = keyPrefix;
  }

  /** Number of queued commands. */
  get length(): number {
    return this.entries.length;
  }

  /** Queues any command by its arguments. */
  call(command: string, ...args: RespArg[]): Transaction<[...T, RespValue]> {
    this.entries.push({ args: [command, ...args], transform: undefined });
    return this as unknown as Transaction<[...T, RespValue]>;
  }

  /** Sends MULTI, the commands and EXEC together. See the class description for the outcomes. */
  async exec(): Promise<TransactionResults<T> | null> {
    const entries = this.entries.splice(0);
    const prefix = this.keyPrefix;
    if (prefix !== undefined) for (const entry of entries) prefixEntry(prefix, entry);
    const keys: RespArg[] = [];
    for (const entry of entries) for (const key of extractKeys(entry.args)) keys.push(key);
    const routing = this.routing;
    if (routing === undefined) return this.run(entries, keys, undefined);
    return followRoute<TransactionResults<T> | null>(
      {
        send: (ask) => this.run(entries, keys, ask),
        judge: (error, budget) => {
          const cause = abortCause(error);
          return cause === undefined ? { kind: 'fail' } : routing.judge(cause, budget);
        },
        exhausted: (last) => routing.exhausted(last),
      },
      routing.budget(),
    );
  }

  private async run(
    entries: Entry[],
    keys: readonly RespArg[],
    ask: RedirectError | undefined,
  ): Promise<TransactionResults<T> | null> {
    const connection =
      ask !== undefined && this.routing?.askConnection !== undefined
        ? await this.routing.askConnection(ask)
        : await this.connectionFor(keys);
    // Never leave a lone MULTI in an offline queue: send everything on a ready connection, in one tick.
    if (connection.state !== 'ready') await connection.connect();
    // ASKING first, in the same write: the server keeps the flag from MULTI to EXEC.
    if (ask !== undefined) connection.send(ASKING).catch(() => undefined);
    const multi = connection.send(['MULTI']);
    const queued = entries.map((entry) => connection.send(entry.args).then(() => undefined, asError));
    const exec = connection.send(['EXEC']);
    const [queueErrors, execReply] = await Promise.all([
      Promise.all(queued),
      exec.then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error: asError(error) }),
      ),
      multi,
    ]);
    if ('error' in execReply) {
      const error = execReply.error;
      if (error instanceof ReplyError && error.code === 'EXECABORT') {
        const failed = queueErrors.findIndex((e) => e !== undefined);
        const cause = queueErrors[failed];
        const fix =
          cause instanceof RedirectError
            ? `${connection.address} no longer serves slot ${cause.slot}; retry the transaction (with isolated(), ` +
              'WATCH again on the new owner)'
            : 'fix that command';
        throw new TransactionError(
          `Transaction aborted by ${connection.address}: command ${failed + 1} of ${entries.length} was rejected ` +
            `while queueing (${cause?.message ?? error.message}). Nothing ran; ${fix}.`,
          queueErrors,
          { cause: error },
        );
      }
      throw error;
    }
    const replies = execReply.reply;
    if (replies === null) return null;
    if (!Array.isArray(replies)) throw new TypeError(`EXEC answered ${String(replies)}, not an array.`);
    return entries.map((entry, i) => {
      const reply = replies[i];
      if (reply instanceof ReplyError) return reply;
      return entry.transform === undefined ? reply : entry.transform(reply);
    }) as TransactionResults<T>;
  }

  /** Forgets the queued commands (nothing was sent yet). */
  discard(): void {
    this.entries.length = 0;
  }

  /** @internal Queues a typed command. */
  queue(definition: CommandDefinition, args: unknown[]): this {
    const transform = definition.transform;
    this.entries.push({
      args: definition.encode(...args),
      transform: transform === undefined ? undefined : (reply) => transform(reply, false),
    });
    return this;
  }
}

export interface Transaction<T extends unknown[] = []>
  extends TransactionCommandMethods<CoreCommands & FeatureCommands, T> {}

installCommands<Transaction>(
  Transaction.prototype,
  { ...coreCommands, ...featureCommands },
  function (definition, args) {
    return this.queue(definition, args);
  },
);

/**
 * The redirect or transient refusal that made a transaction abort before anything ran (on MULTI, EXEC or
 * while queueing), or undefined when it failed otherwise.
 */
function abortCause(error: unknown): Error | undefined {
  if (error instanceof RedirectError || isTransientRefusal(error)) return error as Error;
  if (!(error instanceof TransactionError)) return undefined;
  return error.errors.find(
    (entry): entry is Error => entry instanceof RedirectError || isTransientRefusal(entry),
  );
}

/** Prefixes the entry's keys; a reply naming keys loses the prefix before the entry's own transform. */
function prefixEntry(prefix: KeyPrefix, entry: Entry): void {
  const kind = prefix.replyKeys(entry.args);
  entry.args = prefix.apply(entry.args);
  if (kind === undefined) return;
  const transform = entry.transform;
  entry.transform = (reply) => {
    const stripped = prefix.strip(kind, reply as RespValue);
    return transform === undefined ? stripped : transform(stripped);
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
