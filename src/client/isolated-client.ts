import { type AsyncCommandMethods, installCommands } from '../commands/command-definition.js';
import { type CoreCommands, coreCommands } from '../commands/core-commands.js';
import { type FeatureCommands, featureCommands } from '../commands/feature-commands.js';
import type { Connection, SendOptions } from '../connection/index.js';
import { CommandRejectedError } from '../errors.js';
import { RedirectError, type RespArg, type RespValue } from '../resp/index.js';
import { newBudget, slotMigratingError } from '../topology/index.js';
import { blockingPlan, blockingTimeout } from './blocking/blocking-plan.js';
import { sendAbortable } from './blocking/blocking-runner.js';
import type { Lease } from './blocking/dedicated-pool.js';
import type { CommandOptions, CommandTarget } from './command-view.js';
import type { KeyPrefix } from './key-prefix.js';
import { Transaction } from './transaction.js';

/** How the isolated client derives per-command send options (the client's command policy). */
export type SendPolicy = (args: readonly RespArg[], options: CommandOptions | undefined) => SendOptions;

/**
 * A connection of its own for the duration of a `client.isolated()` callback: WATCH, then reads, then
 * MULTI/EXEC, with no other traffic of this client interleaved. Valid only inside the callback.
 */
export class IsolatedClient implements CommandTarget {
  private readonly lease: Lease;
  private readonly shared: Connection;
  private readonly policy: SendPolicy;
  private readonly commandTimeout: number;
  private readonly checkSameSlot: ((keys: readonly RespArg[], what: string) => void) | undefined;
  private readonly learn: ((redirect: RedirectError) => void) | undefined;
  private released = false;
  private readonly keyPrefix: KeyPrefix | undefined;

  /** @internal Created by client.isolated(). */
  constructor(
    lease: Lease,
    shared: Connection,
    policy: SendPolicy,
    commandTimeout: number,
    checkSameSlot?: (keys: readonly RespArg[], what: string) => void,
    learn?: (redirect: RedirectError) => void,
    keyPrefix?: KeyPrefix,
  ) {
    this.learn = learn;
    this.keyPrefix = keyPrefix;
    this.lease = lease;
    this.shared = shared;
    this.policy = policy;
    this.commandTimeout = commandTimeout;
    this.checkSameSlot = checkSameSlot;
  }

  /** Sends any command on this isolated connection. */
  call(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.sendCommand([command, ...args]);
  }

  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue> {
    const prefix = this.keyPrefix;
    if (prefix !== undefined) return prefix.run(args, (wire) => this.sendOnLease(wire, options));
    return this.sendOnLease(args, options);
  }

  private sendOnLease(args: readonly RespArg[], options: CommandOptions | undefined): Promise<RespValue> {
    if (this.released) {
      return Promise.reject(
        new CommandRejectedError(
          'ERR_ISOLATED_RELEASED',
          'This isolated connection was given back when the isolated() callback finished; use the client instead.',
        ),
      );
    }
    const sendOptions = this.policy(args, options);
    const plan = blockingPlan(args);
    if (plan !== undefined && options?.timeout === undefined) {
      sendOptions.timeout = blockingTimeout(plan, this.commandTimeout);
    }
    return sendAbortable(this.shared, this.lease, args, sendOptions, options?.signal).catch(
      (error: unknown) => {
        // A pinned route cannot follow a redirect: its WATCHes hold here only.
        if (error instanceof RedirectError) throw this.migrating(error, String(args[0]).toUpperCase());
        throw error;
      },
    );
  }

  /** WATCH keys: a later exec() on this connection resolves null if any of them changed meanwhile. */
  async watch(...keys: RespArg[]): Promise<void> {
    await this.sendCommand(['WATCH', ...keys]);
  }

  /** UNWATCH every key. */
  async unwatch(): Promise<void> {
    await this.sendCommand(['UNWATCH']);
  }

  /**
   * A transaction on this connection (it sees this connection's WATCHes). In a cluster its keys must share
   * one slot, that of the node `isolated()` picked (else ClusterError ERR_CLUSTER_CROSSSLOT, nothing sent);
   * it is never re-sent elsewhere after a redirect (the WATCHes hold only here): it rejects with a
   * ClusterError ERR_CLUSTER_SLOT_MIGRATING instead (retryable: run the isolated() section again).
   */
  multi(): Transaction {
    return new Transaction(
      async (keys) => {
        this.checkSameSlot?.(keys, 'The transaction');
        if (this.released) {
          throw new CommandRejectedError(
            'ERR_ISOLATED_RELEASED',
            'exec() was called after isolated() returned.',
          );
        }
        return this.lease.connection;
      },
      this.pinnedRouting(),
      this.keyPrefix,
    );
  }

  /**
   * A redirect on this pinned connection: the topology learns from it (a MOVED's owner, so that the next
   * isolated() goes there), and the caller gets ERR_CLUSTER_SLOT_MIGRATING.
   */
  private migrating(redirect: RedirectError, what: string): Error {
    this.learn?.(redirect);
    return slotMigratingError(redirect, what);
  }

  /** The route of a transaction on this connection: pinned, so a redirect is final (router.ts). */
  private pinnedRouting() {
    return {
      judge: (error: unknown) =>
        error instanceof RedirectError
          ? { kind: 'fail' as const, error: this.migrating(error, 'The transaction') }
          : { kind: 'fail' as const },
      budget: () => newBudget(0),
      exhausted: (last: unknown) => last as Error,
    };
  }

  /** @internal */
  release(): void {
    this.released = true;
  }

  /** @internal */
  runCommand(definition: { encode: (...a: unknown[]) => RespArg[]; transform?: unknown }, args: unknown[]) {
    const sent = this.sendCommand(definition.encode(...args));
    const transform = definition.transform as ((reply: RespValue) => unknown) | undefined;
    return transform === undefined ? sent : sent.then(transform);
  }
}

export interface IsolatedClient extends AsyncCommandMethods<CoreCommands & FeatureCommands> {}

installCommands<IsolatedClient>(
  IsolatedClient.prototype,
  { ...coreCommands, ...featureCommands },
  function (definition, args) {
    return this.runCommand(definition, args);
  },
);
