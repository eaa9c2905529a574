import { describe, expect, it } from 'vitest';
import { failCommand } from '../../src/connection/pending-command.js';
import type { RespValue } from '../../src/resp/index.js';

/** A command's promise and the hooks a connection settles it with. */
function pending(recovery?: { recover(error: Error): Promise<RespValue> }) {
  let resolve!: (value: RespValue) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<RespValue>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const released: number[] = [];
  const command = { resolve, reject, recovery, settled: { release: () => released.push(1) } };
  return { command, promise, released };
}

describe('a failed command with a recovery', () => {
  it('is handed to the recovery a microtask later, and takes its outcome', async () => {
    const seen: string[] = [];
    const { command, promise, released } = pending({
      recover: (error) => {
        seen.push(error.message);
        return Promise.resolve('sent again');
      },
    });
    failCommand(command, new Error('MOVED 1 127.0.0.1:7001'));
    // Not from inside the connection's own bookkeeping: the recovery has not run yet.
    expect(seen).toEqual([]);
    expect(released).toHaveLength(1);
    await expect(promise).resolves.toBe('sent again');
    expect(seen).toEqual(['MOVED 1 127.0.0.1:7001']);
  });

  it('rejects with what the recovery rejects with', async () => {
    const final = new Error('no redirects left');
    const { command, promise } = pending({ recover: () => Promise.reject(final) });
    failCommand(command, new Error('MOVED 1 127.0.0.1:7001'));
    await expect(promise).rejects.toBe(final);
  });

  it('without a recovery, rejects at once with the error', async () => {
    const { command, promise } = pending();
    const error = new Error('connection lost');
    failCommand(command, error);
    await expect(promise).rejects.toBe(error);
  });
});
