/** One standalone `redis-server` on free loopback ports, with optional password, ACL users, unix socket and TLS. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { baseServerConfig, type ConfigLine, extraConfigLines, writeConfigFile } from './config.js';
import { findFreePort, isIpv6LoopbackAvailable } from './ports.js';
import {
  createLabDir,
  keepLabDir,
  type LabProcess,
  LabProcessExitedError,
  logSize,
  readLogTail,
  removeLabDir,
  runCommand,
  spawnLabProcess,
  waitUntilReady,
} from './process.js';
import { type CommandLine, labServerBuild, resolveServerBuild, type ServerBuild } from './server-build.js';
import { makeCertificates } from './tls-certificates.js';

/** Logged by redis-server once it listens (Redis 6 and 7). */
const READY_LOG = /Ready to accept connections/;

/** Attempts when an automatically chosen port was taken by someone else between probe and bind. */
const PORT_ATTEMPTS = 5;

export interface StandaloneOptions {
  /** Plain TCP port. Default: a free port (retried when another process takes it first). */
  port?: number;
  /** `requirepass`: the default user's password. */
  password?: string;
  /** ACL lines written as `user ...` directives, e.g. `alice on >pw ~* &* +@all` (the `user ` prefix is optional). */
  users?: readonly string[];
  /** Also listen on a unix socket in the server's directory (`unixsocketperm 700`). */
  unixSocket?: boolean;
  /** Generate certificates and also listen with TLS on a second free port. */
  tls?: boolean;
  /** Listen with TLS on a second free port using these certificates (made by the caller) instead. */
  tlsFiles?: ServerTlsFiles;
  /** Extra config: a record (`name value`, written as-is) or raw lines. */
  args?: Record<string, string> | readonly string[];
  /** Milliseconds to wait for the first PING answer. Default 10 000. */
  timeoutMs?: number;
  /**
   * Server build: a `SLOTBRIDGE_SERVER` value (folder or name, see server-build.ts). Default: the
   * `SLOTBRIDGE_SERVER` environment variable, else `redis-server` from PATH.
   */
  server?: string;
  /** Start in sentinel mode (`redis-sentinel`, or the server binary with `--sentinel`). */
  sentinel?: boolean;
  /** Log line proving this process is the one answering. Default: redis-server's "Ready to accept connections". */
  readyLog?: RegExp;
}

export interface ServerTlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  caPath: string;
  certPath: string;
  keyPath: string;
  /** A CA that did not sign the server certificate (to test "wrong CA" failures). */
  otherCa: Buffer;
  otherCaPath: string;
}

export interface StopOptions {
  /** Keep the directory (config, log, certificates) instead of removing it. */
  keepFiles?: boolean;
}

export interface RedisServerHandle {
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:PORT` */
  readonly address: string;
  readonly tlsPort?: number;
  /** Path of the unix socket, when enabled. */
  readonly unixSocket?: string;
  readonly tls?: ServerTlsFiles;
  /** Pid of the current process (changes on restart). */
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  readonly configFile: string;
  /** SIGTERM, wait, SIGKILL after 3 s; removes the directory unless `keepFiles`. */
  stop(options?: StopOptions): Promise<void>;
  /** Sends `signal` (default SIGKILL) and waits for the exit; keeps the directory. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the current process if alive and starts again on the same ports and config. */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its sockets but stops answering. */
  pause(): void;
  /** SIGCONT after {@link pause}. */
  resume(): void;
  /** True while paused ({@link pause}): it answers nothing. */
  readonly paused: boolean;
  /** True once the current process has exited (killed or stopped) and not restarted. */
  readonly exited: boolean;
  /** Runs `redis-cli -h HOST -p PORT [-a PASSWORD] ...args` and returns stdout trimmed. */
  cli(...args: string[]): Promise<string>;
  /** The last `lines` lines of the server log. */
  logTail(lines?: number): string;
}

const HOST = '127.0.0.1';

class StandaloneServer implements RedisServerHandle {
  readonly host = HOST;
  readonly address: string;
  private current: LabProcess;

  constructor(
    readonly port: number,
    readonly dir: string,
    readonly logFile: string,
    readonly configFile: string,
    private readonly command: CommandLine,
    private readonly build: ServerBuild,
    private readonly timeoutMs: number,
    private readonly readyLog: RegExp,
    private readonly password: string | undefined,
    process: LabProcess,
    readonly tlsPort: number | undefined,
    readonly unixSocket: string | undefined,
    readonly tls: ServerTlsFiles | undefined,
  ) {
    this.address = `${HOST}:${port}`;
    this.current = process;
  }

  get pid(): number {
    return this.current.pid;
  }

  async stop(options: StopOptions = {}): Promise<void> {
    await this.current.stop();
    if (options.keepFiles) {
      keepLabDir(this.dir);
    } else {
      await removeLabDir(this.dir);
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.current.kill(signal);
  }

  async restart(): Promise<void> {
    await this.current.stop();
    const fromOffset = logSize(this.logFile);
    this.current = spawnLabProcess(this.command.file, this.command.args, this.dir);
    await waitUntilReady({
      readyLog: { pattern: this.readyLog, fromOffset },
      host: HOST,
      port: this.port,
      process: this.current,
      logFile: this.logFile,
      timeoutMs: this.timeoutMs,
      label: `redis-server ${this.address} (restart)`,
    });
  }

  pause(): void {
    this.current.signal('SIGSTOP');
  }

  get paused(): boolean {
    return this.current.paused;
  }

  get exited(): boolean {
    return this.current.exited;
  }

  resume(): void {
    this.current.signal('SIGCONT');
  }

  async cli(...args: string[]): Promise<string> {
    const auth = this.password === undefined ? [] : ['-a', this.password, '--no-auth-warning'];
    const { stdout } = await runCommand(this.build.cli, [
      '-h',
      HOST,
      '-p',
      String(this.port),
      ...auth,
      ...args,
    ]);
    return stdout.trim();
  }

  logTail(lines = 50): string {
    return readLogTail(this.logFile, lines);
  }
}

/** Starts a standalone redis-server in a fresh temp directory and waits until it answers PING. */
export async function startServer(options: StandaloneOptions = {}): Promise<RedisServerHandle> {
  const build = options.server === undefined ? labServerBuild() : resolveServerBuild(options.server);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dir = await createLabDir();
  try {
    return await startInDir(dir, build, timeoutMs, options);
  } catch (error) {
    await removeLabDir(dir);
    throw error;
  }
}

async function startInDir(
  dir: string,
  build: ServerBuild,
  timeoutMs: number,
  options: StandaloneOptions,
): Promise<RedisServerHandle> {
  const logFile = path.join(dir, 'redis.log');
  const configFile = path.join(dir, 'redis.conf');
  const ipv6 = await isIpv6LoopbackAvailable();
  const bindAddresses = ipv6 ? [HOST, '::1'] : [HOST];
  const unixSocket = options.unixSocket ? path.join(dir, 'redis.sock') : undefined;
  const tls = options.tlsFiles ?? (options.tls ? await tlsFiles(dir, ipv6) : undefined);

  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort(HOST));
    const tlsPort = tls === undefined ? undefined : await otherFreePort(port);
    const lines: ConfigLine[] = baseServerConfig({ port, bindAddresses, dir, logFile });
    lines.push(...securityLines(options));
    if (unixSocket !== undefined) {
      lines.push(['unixsocket', unixSocket], ['unixsocketperm', '700']);
    }
    if (tls !== undefined && tlsPort !== undefined) {
      lines.push(
        ['tls-port', String(tlsPort)],
        ['tls-cert-file', tls.certPath],
        ['tls-key-file', tls.keyPath],
        ['tls-ca-cert-file', tls.caPath],
        ['tls-auth-clients', 'no'],
      );
    }
    lines.push(...extraConfigLines(options.args));
    await writeConfigFile(configFile, lines);
    await writeFile(logFile, '');

    const command: CommandLine = options.sentinel
      ? build.sentinel(configFile)
      : { file: build.server, args: [configFile] };
    const child = spawnLabProcess(command.file, command.args, dir);
    const label = `${options.sentinel ? 'sentinel' : 'server'} ${HOST}:${port} (${build.name})`;
    try {
      await waitUntilReady({
        host: HOST,
        port,
        process: child,
        logFile,
        timeoutMs,
        label,
        readyLog: { pattern: options.readyLog ?? READY_LOG, fromOffset: 0 },
      });
    } catch (error) {
      await child.stop();
      const portTaken =
        error instanceof LabProcessExitedError && /Address already in use/i.test(error.logTail);
      if (portTaken && attempt < attempts) {
        continue;
      }
      throw error;
    }
    return new StandaloneServer(
      port,
      dir,
      logFile,
      configFile,
      command,
      build,
      timeoutMs,
      options.readyLog ?? READY_LOG,
      options.password,
      child,
      tlsPort,
      unixSocket,
      tls,
    );
  }
}

function securityLines(options: StandaloneOptions): ConfigLine[] {
  const lines: ConfigLine[] = [];
  if (options.password !== undefined) {
    lines.push(['requirepass', options.password]);
  }
  for (const user of options.users ?? []) {
    lines.push(user.startsWith('user ') ? user : `user ${user}`);
  }
  return lines;
}

async function otherFreePort(taken: number): Promise<number> {
  for (;;) {
    const port = await findFreePort(HOST);
    if (port !== taken) {
      return port;
    }
  }
}

async function tlsFiles(dir: string, ipv6: boolean): Promise<ServerTlsFiles> {
  const hosts = ipv6 ? ['localhost', HOST, '::1'] : ['localhost', HOST];
  const certificates = await makeCertificates(dir, { hosts });
  return {
    ca: certificates.ca.cert.pem,
    cert: certificates.server.cert.pem,
    key: certificates.server.key.pem,
    caPath: certificates.ca.cert.path,
    certPath: certificates.server.cert.path,
    keyPath: certificates.server.key.path,
    otherCa: certificates.otherCa.cert.pem,
    otherCaPath: certificates.otherCa.cert.path,
  };
}
