import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findFreePort,
  LabError,
  probePing,
  type RedisServerHandle,
  renderConfig,
  startServer,
} from '../../src/lab/index.js';
import { isAlive, useServer } from '../helpers/lab.js';

const run = promisify(execFile);

const started: RedisServerHandle[] = [];

async function start(options?: Parameters<typeof startServer>[0]): Promise<RedisServerHandle> {
  const server = await startServer(options);
  started.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

describe('lab: findFreePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('lab: config', () => {
  it('quotes empty values and values with spaces', () => {
    expect(renderConfig([['save', ''], ['dir', '/tmp/a b'], 'raw line'])).toBe(
      'save ""\ndir "/tmp/a b"\nraw line\n',
    );
  });
});

describe('lab: standalone server', () => {
  it('starts, answers, and stop removes the process and the directory', async () => {
    const server = await startServer();
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    expect(await server.cli('PING')).toBe('PONG');
    expect(await probePing('127.0.0.1', server.port)).toBe('+PONG');
    expect(server.logTail()).toMatch(/Ready to accept connections/);
    const { pid, dir } = server;
    await server.stop();
    expect(await isAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('stop({ keepFiles }) keeps the directory and its log', async () => {
    const server = await startServer();
    await server.stop({ keepFiles: true });
    expect(existsSync(server.logFile)).toBe(true);
    await run('rm', ['-rf', server.dir]);
  });

  it('restart keeps the port and the data directory but changes the pid', async () => {
    const server = await start();
    const { port, pid } = server;
    await server.restart();
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(pid);
    expect(await isAlive(pid)).toBe(false);
    expect(await server.cli('PING')).toBe('PONG');
  });

  it('enforces the password', async () => {
    const server = await start({ password: 's3cret' });
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(server.port), 'PING']);
    expect(stdout).toMatch(/NOAUTH/);
    expect(await server.cli('PING')).toBe('PONG');
  });

  it('writes ACL users', async () => {
    const server = await start({ users: ['alice on >wonder ~* &* +@all'] });
    expect(
      await server.cli('--user', 'alice', '--pass', 'wonder', '--no-auth-warning', 'ACL', 'WHOAMI'),
    ).toBe('alice');
  });

  it('listens on a unix socket', async () => {
    const server = await start({ unixSocket: true });
    expect(server.unixSocket).toBeDefined();
    const socketPath = server.unixSocket!;
    expect(statSync(socketPath).isSocket()).toBe(true);
    const { stdout } = await run('redis-cli', ['-s', socketPath, 'PING']);
    expect(stdout.trim()).toBe('PONG');
  });

  it('answers on the TLS port with the generated CA and refuses the unrelated CA', async () => {
    const server = await start({ tls: true });
    expect(server.tlsPort).toBeDefined();
    const tlsFiles = server.tls!;
    const { stdout } = await run('redis-cli', [
      '-h',
      '127.0.0.1',
      '-p',
      String(server.tlsPort),
      '--tls',
      '--cacert',
      tlsFiles.caPath,
      'PING',
    ]);
    expect(stdout.trim()).toBe('PONG');
    expect(await server.cli('PING')).toBe('PONG');

    const connect = (ca: Buffer, servername: string) =>
      new Promise<void>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: server.tlsPort!, ca, servername }, () => {
          socket.end();
          resolve();
        });
        socket.once('error', reject);
      });
    await connect(tlsFiles.ca, 'localhost');
    await expect(connect(tlsFiles.otherCa, 'localhost')).rejects.toThrow();
  });

  it('pause stops answering and resume answers again', async () => {
    const server = await start();
    server.pause();
    expect(await probePing('127.0.0.1', server.port, 300)).toBeUndefined();
    server.resume();
    expect(await probePing('127.0.0.1', server.port, 2_000)).toBe('+PONG');
  });

  it('stop works on a paused server', async () => {
    const server = await startServer();
    server.pause();
    await server.stop();
    expect(await isAlive(server.pid)).toBe(false);
  });

  it('kill leaves no process and keeps the directory', async () => {
    const server = await start();
    const { pid } = server;
    await server.kill();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(server.dir)).toBe(true);
  });

  it('a second server on a taken port fails with the log tail', async () => {
    const server = await start();
    const error = await startServer({ port: server.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toMatch(/Address already in use/);
  });

  it('invalid config fails with LabError', async () => {
    const error = await startServer({ args: ['no-such-directive yes'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('ERR_LAB');
  });
});

describe('lab: useServer helper', () => {
  const fixture = useServer({ password: 'pw' });

  it('provides a running server', async () => {
    expect(await fixture.server.cli('PING')).toBe('PONG');
  });
});
