import { AbortError } from '../errors.js';
import { ReplyError, type RespArg, type RespValue } from '../resp/index.js';
import type { CommandOptions } from './command-view.js';

/** What a stream consumer needs from its client. */
export interface StreamClient {
  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue>;
}

/** Options of {@link RedisClient.streamConsumer}. */
export interface StreamConsumerOptions {
  stream: string;
  group: string;
  /** This consumer's name in the group (stable across restarts, so its own pending entries come back). */
  consumer: string;
  /** Entries per read (default 10). */
  count?: number;
  /** How long one XREADGROUP blocks, in ms (default 5000); the loop then reads again. */
  block?: number;
  /**
   * Entries another consumer received but has not acknowledged for this long (ms) are claimed with
   * XAUTOCLAIM (default 60 000): at start, then every `claimInterval` ms (default: the same value).
   */
  claimIdle?: number;
  claimInterval?: number;
  /** Create the group (XGROUP CREATE ... MKSTREAM) if missing, starting at this id (default '$'; false: never). */
  createGroup?: string | false;
  /** XACK each entry when the loop asks for the next one (default false: call entry.ack()). */
  autoAck?: boolean;
  /** Ends the iteration (a blocked read is unblocked at once). */
  signal?: AbortSignal;
}

/** One stream entry delivered to this consumer. */
export interface StreamEntry {
  stream: string;
  id: string;
  fields: Record<string, string>;
  /** How it reached us: a new entry, our own unacknowledged one from before, or claimed from another consumer. */
  source: 'new' | 'pending' | 'claimed';
  /** XACK this entry. */
  ack(): Promise<void>;
}

/**
 * The consumer-group loop as an async iterator: first this consumer's own unacknowledged entries (a
 * restart after a crash), then entries idle too long at other consumers (XAUTOCLAIM), then new entries
 * (XREADGROUP ... BLOCK on a dedicated connection, so it never holds up other commands), re-claiming
 * periodically. Entries not acknowledged stay pending and come back.
 *
 * ```ts
 * for await (const entry of client.streamConsumer({ stream: 'jobs', group: 'workers', consumer: 'w1' })) {
 *   await handle(entry.fields);
 *   await entry.ack();
 * }
 * ```
 */
export class StreamConsumer implements AsyncIterable<StreamEntry> {
  private readonly client: StreamClient;
  private readonly options: Required<Omit<StreamConsumerOptions, 'signal' | 'createGroup'>> & {
    createGroup: string | false;
  };
  private readonly controller = new AbortController();

  constructor(client: StreamClient, options: StreamConsumerOptions) {
    this.client = client;
    const claimIdle = options.claimIdle ?? 60_000;
    this.options = {
      stream: options.stream,
      group: options.group,
      consumer: options.consumer,
      count: options.count ?? 10,
      block: options.block ?? 5000,
      claimIdle,
      claimInterval: options.claimInterval ?? claimIdle,
      createGroup: options.createGroup ?? '$',
      autoAck: options.autoAck ?? false,
    };
    if (options.signal !== undefined) {
      const outer = options.signal;
      if (outer.aborted) this.controller.abort(outer.reason);
      else outer.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true });
    }
  }

  /** Ends the iteration; a read the server is holding is unblocked. */
  stop(): void {
    this.controller.abort(new Error('stop() was called'));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamEntry> {
    const { stream, group, consumer, count, block, claimIdle, claimInterval, createGroup, autoAck } =
      this.options;
    const signal = this.controller.signal;
    try {
      if (createGroup !== false) await this.createGroup(createGroup);
      // 1. Our own entries delivered before but never acknowledged.
      let cursor = '0';
      for (;;) {
        const reply = await this.send([
          'XREADGROUP',
          'GROUP',
          group,
          consumer,
          'COUNT',
          count,
          'STREAMS',
          stream,
          cursor,
        ]);
        const entries = parseReadReply(reply);
        if (entries.length === 0) break;
        for (const [id, fields] of entries) {
          cursor = id;
          if (fields === undefined) {
            await this.ackId(id); // deleted from the stream while pending
            continue;
          }
          yield* this.emit(id, fields, 'pending', autoAck);
        }
      }
      let nextClaim = 0;
      for (;;) {
        if (signal.aborted) return;
        // 2. Entries idle too long at other consumers.
        if (performance.now() >= nextClaim) {
          nextClaim = performance.now() + claimInterval;
          let start = '0-0';
          do {
            const reply = (await this.send([
              'XAUTOCLAIM',
              stream,
              group,
              consumer,
              claimIdle,
              start,
              'COUNT',
              count,
            ])) as RespValue[];
            start = String(reply[0]);
            for (const [id, fields] of parseEntries(reply[1])) {
              if (fields !== undefined) yield* this.emit(id, fields, 'claimed', autoAck);
            }
          } while (start !== '0-0' && !signal.aborted);
        }
        // 3. New entries; the blocking read runs on a dedicated connection and is unblocked by stop().
        const reply = await this.send(
          ['XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'BLOCK', block, 'STREAMS', stream, '>'],
          true,
        );
        for (const [id, fields] of parseReadReply(reply)) {
          if (fields !== undefined) yield* this.emit(id, fields, 'new', autoAck);
        }
      }
    } catch (error) {
      if (error instanceof AbortError || signal.aborted) return;
      throw error;
    } finally {
      this.controller.abort(new Error('the iteration ended'));
    }
  }

  private async *emit(
    id: string,
    fields: Record<string, string>,
    source: StreamEntry['source'],
    autoAck: boolean,
  ): AsyncGenerator<StreamEntry> {
    const stream = this.options.stream;
    yield { stream, id, fields, source, ack: () => this.ackId(id) };
    if (autoAck) await this.ackId(id);
  }

  private async ackId(id: string): Promise<void> {
    await this.client.sendCommand(['XACK', this.options.stream, this.options.group, id]);
  }

  private send(args: RespArg[], abortable = false): Promise<RespValue> {
    if (this.controller.signal.aborted)
      return Promise.reject(new AbortError('The stream consumer was stopped.'));
    return this.client.sendCommand(args, abortable ? { signal: this.controller.signal } : undefined);
  }

  private async createGroup(startId: string): Promise<void> {
    try {
      await this.send(['XGROUP', 'CREATE', this.options.stream, this.options.group, startId, 'MKSTREAM']);
    } catch (error) {
      if (!(error instanceof ReplyError) || error.code !== 'BUSYGROUP') throw error;
    }
  }
}

type RawEntry = [id: string, fields: Record<string, string> | undefined];

/** XREADGROUP's reply for one stream: RESP3 map { stream: entries }, RESP2 [[stream, entries]], or null. */
function parseReadReply(reply: RespValue): RawEntry[] {
  if (reply === null) return [];
  if (reply instanceof Map) {
    for (const entries of reply.values()) return parseEntries(entries);
    return [];
  }
  if (Array.isArray(reply) && Array.isArray(reply[0])) return parseEntries((reply[0] as RespValue[])[1]);
  return [];
}

function parseEntries(value: RespValue | undefined): RawEntry[] {
  if (!Array.isArray(value)) return [];
  const out: RawEntry[] = [];
  for (const item of value) {
    if (!Array.isArray(item)) continue;
    const id = String(item[0]);
    const flat = item[1];
    if (!Array.isArray(flat)) {
      out.push([id, undefined]);
      continue;
    }
    const fields: Record<string, string> = Object.create(null);
    for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = String(flat[i + 1]);
    out.push([id, fields]);
  }
  return out;
}
