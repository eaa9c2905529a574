import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { defineScript, type RedisClient, ReplyError } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(): RedisClient {
  const c = openClient({ port: lab.server.port });
  return c;
}

const LUA = 'return {KEYS[1], ARGV[1], redis.call("INCRBY", KEYS[1], ARGV[1])}';

describe('scripts', () => {
  it('EVALSHA with a locally computed SHA1, falling back to EVAL on NOSCRIPT, then cached', async () => {
    const redis = client();
    const commands: string[] = [];
    const monitor = client();
    await redis.call('SCRIPT', 'FLUSH');
    await redis.del('sc:n');
    const script = redis.defineScript(LUA, { numberOfKeys: 1 });
    expect(script.sha).toBe(await monitor.scriptLoad(LUA));
    await redis.call('SCRIPT', 'FLUSH');
    const channel = diagnostics.channel('slotbridge:connection:command-start');
    const onStart = (message: unknown) => commands.push(String((message as { args: unknown[] }).args[0]));
    channel.subscribe(onStart);
    try {
      expect(await script.run('sc:n', 5)).toEqual(['sc:n', '5', 5]);
      expect(await script.run('sc:n', 2)).toEqual(['sc:n', '2', 7]);
    } finally {
      channel.unsubscribe(onStart);
    }
    // First run: EVALSHA (NOSCRIPT), EVAL; second run: EVALSHA only.
    expect(commands.filter((c) => c !== 'SCRIPT')).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
  });

  it('a script error rejects with a ReplyError; a standalone Script runs on isolated connections too', async () => {
    const redis = client();
    const failing = defineScript('return redis.call("LPUSH", KEYS[1], "x")', { numberOfKeys: 1 });
    await redis.set('sc:str', 'v');
    const error = await failing.run(redis, ['sc:str']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe('WRONGTYPE');
    const echo = defineScript('return ARGV[1]', { numberOfKeys: 0 });
    expect(await redis.isolated((c) => echo.run(c, ['hi']))).toBe('hi');
    expect(() => defineScript('return 1', { numberOfKeys: -1 })).toThrow(TypeError);
  });

  it('FUNCTION LOAD and FCALL / FCALL_RO', async () => {
    const redis = client();
    const library = [
      '#!lua name=sbtest',
      "redis.register_function('sb_get', function(keys) return redis.call('GET', keys[1]) end)",
      "redis.register_function{function_name='sb_ro', callback=function(keys, args) return args[1] end, flags={'no-writes'}}",
    ].join('\n');
    expect(await redis.functionLoad(library, { replace: true })).toBe('sbtest');
    await redis.set('fn:k', 'v');
    expect(await redis.fcall('sb_get', ['fn:k'])).toBe('v');
    expect(await redis.fcallRo('sb_ro', [], ['x'])).toBe('x');
    await redis.functionDelete('sbtest');
    const error = await redis.fcall('sb_get', ['fn:k']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
  });
});
