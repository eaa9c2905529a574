import { describe, expect, it } from 'vitest';
import { internalCommand, type PendingCommand } from '../../src/connection/pending-command.js';
import { pushConfirmationFor } from '../../src/connection/pubsub-frames.js';
import { ReplyQueue } from '../../src/connection/reply-queue.js';
import { ProtocolError } from '../../src/errors.js';
import type { RespValue } from '../../src/resp/index.js';

interface Tracked {
  command: PendingCommand;
  outcome: () => { value?: RespValue; error?: Error } | undefined;
}

function track(args: string[], deadline = 0): Tracked {
  let outcome: { value?: RespValue; error?: Error } | undefined;
  const command = internalCommand(
    args,
    (value) => {
      outcome = { value };
    },
    (error) => {
      outcome = { error };
    },
  );
  command.internal = false;
  command.deadline = deadline;
  command.push = pushConfirmationFor(args);
  return { command, outcome: () => outcome };
}

function queue(pushes: RespValue[][] = []): ReplyQueue {
  return new ReplyQueue({ address: 'test:1', onPush: (push) => pushes.push(push) });
}

describe('reply queue: which list holds a command says whether it may have run', () => {
  it('moves commands to awaiting when their bytes are taken for the socket; a detached socket marks them written', () => {
    const q = queue();
    const a = track(['GET', 'a']);
    const b = track(['GET', 'b']);
    q.add(a.command);
    expect(q.unwritten).toBe(1);
    expect(Buffer.concat(q.take()).toString()).toBe('*2\r\n$3\r\nGET\r\n$1\r\na\r\n');
    q.add(b.command);
    expect([q.length, q.unwritten]).toEqual([2, 1]);
    const { written, unwritten } = q.detach();
    expect(written).toEqual([a.command]);
    expect(unwritten).toEqual([b.command]);
    expect(a.command.written).toBe(true);
    expect(b.command.written).toBe(false);
    expect([q.length, q.bytesToWrite]).toEqual([0, 0]);
  });

  it('pairs replies in order and refuses a reply nobody asked for', () => {
    const q = queue();
    const a = track(['GET', 'a']);
    const b = track(['GET', 'b']);
    q.add(a.command);
    q.add(b.command);
    q.take();
    q.feed(Buffer.from('$1\r\n1\r\n-ERR no\r\n'));
    expect(a.outcome()).toEqual({ value: '1' });
    expect(b.outcome()?.error?.message).toBe('ERR no');
    expect(() => q.feed(Buffer.from('+OK\r\n'))).toThrow(ProtocolError);
  });

  it('settles a subscribe with all its confirmations; other pushes go to the listener', () => {
    const pushes: RespValue[][] = [];
    const q = queue(pushes);
    const subscribe = track(['SUBSCRIBE', 'x', 'y']);
    q.add(subscribe.command);
    q.take();
    q.feed(Buffer.from('>3\r\n$9\r\nsubscribe\r\n$1\r\nx\r\n:1\r\n'));
    expect(subscribe.outcome()).toBeUndefined();
    q.feed(Buffer.from('>3\r\n$7\r\nmessage\r\n$1\r\nx\r\n$2\r\nhi\r\n'));
    q.feed(Buffer.from('>3\r\n$9\r\nsubscribe\r\n$1\r\ny\r\n:2\r\n'));
    expect(subscribe.outcome()?.value).toEqual([
      ['subscribe', 'x', 1],
      ['subscribe', 'y', 2],
    ]);
    expect(pushes).toEqual([['message', 'x', 'hi']]);
    expect([...q.confirmed.channel]).toEqual(['x', 'y']);
  });

  it('says where the first expired command stood: awaiting its reply, behind others, or unwritten', () => {
    const q = queue();
    const first = track(['GET', 'a'], 200);
    const second = track(['GET', 'b'], 50);
    const third = track(['GET', 'c'], 10);
    q.add(first.command);
    q.add(second.command);
    q.take();
    q.add(third.command);
    expect(q.scanDeadlines(5)).toEqual({ expired: undefined, next: 10 });
    expect(q.scanDeadlines(20).expired).toMatchObject({
      command: third.command,
      phase: 'unwritten',
      repliesAhead: 2,
    });
    expect(q.scanDeadlines(60)).toMatchObject({
      expired: { command: second.command, phase: 'behind-earlier-replies', repliesAhead: 1 },
      next: 200,
    });
    expect(q.scanDeadlines(300).expired).toMatchObject({ command: first.command, phase: 'awaiting-reply' });
  });
});
