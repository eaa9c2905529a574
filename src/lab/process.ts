/**
 * Above ~400 lines for a reason: one registry of every child process the lab owns (spawn, readiness, stop, cleanup at exit) that
 * all of these share.
 *
 * Shared process machinery for every lab topology (standalone today; cluster and sentinel next):
 * temp directories, spawning `redis-server` / `redis-sentinel`, waiting for readiness, stopping,
 * running helper binaries, and a process-wide registry that leaves no orphan behind.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LabError } from './errors.js';

/** Milliseconds between SIGTERM and SIGKILL when stopping a process. */
export const STOP_GRACE_MS = 3_000;

/** Every child process and temp directory the lab created, cleaned up when the process ends. */
class LabRegistry {
  readonly processes = new Set<LabProcess>();
  readonly dirs = new Set<string>();
  /** Extra teardown (e.g. network namespaces), run after the processes are gone. */
  readonly cleanups = new Set<LabCleanup>();
  private installed = false;

  /** Installs the exit and signal handlers once, on first use. */
  install(): void {
    if (this.installed) {
      return;
    }
    this.installed = true;
    process.on('exit', () => this.killAllSync());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const handler = (): void => {
        // Someone else (a CLI command, a test runner) owns shutdown: the exit hook still cleans up.
        if (process.listenerCount(signal) > 1) {
          return;
        }
        const code = signal === 'SIGINT' ? 130 : 143;
        this.stopAll().finally(() => process.exit(code));
      };
      process.on(signal, handler);
    }
  }

  /** Synchronous last resort: SIGKILL every live child and remove every temp dir. */
  killAllSync(): void {
    for (const child of this.processes) {
      child.killSync();
    }
    this.processes.clear();
    for (const cleanup of this.cleanups) {
      try {
        cleanup.runSync();
      } catch {
        // Best effort while the process exits.
      }
    }
    this.cleanups.clear();
    for (const dir of this.dirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Nothing more can be done while the process exits.
      }
    }
    this.dirs.clear();
  }

  /** Stops every live child gracefully, then removes every temp dir. */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.processes].map((child) => child.stop()));
    await Promise.allSettled([...this.cleanups].map((cleanup) => cleanup.run()));
    this.cleanups.clear();
    await Promise.allSettled([...this.dirs].map((dir) => removeLabDir(dir)));
  }
}

/** Teardown registered with {@link registerLabCleanup}: an async form and a synchronous last resort. */
export interface LabCleanup {
  run(): Promise<void>;
  /** Called from the process `exit` hook: must not be asynchronous. */
  runSync(): void;
}

/**
 * Registers teardown that runs after every lab process is stopped (on {@link stopAllLabProcesses},
 * SIGINT/SIGTERM, or process exit). Returns a function that unregisters it once done by its owner.
 */
export function registerLabCleanup(cleanup: LabCleanup): () => void {
  registry.install();
  registry.cleanups.add(cleanup);
  return () => {
    registry.cleanups.delete(cleanup);
  };
}

const registry = new LabRegistry();

/** Stops every process the lab started in this process and removes their directories. */
export function stopAllLabProcesses(): Promise<void> {
  return registry.stopAll();
}

/** Number of lab processes still alive in this process (for tests and diagnostics). */
export function liveLabProcessCount(): number {
  return registry.processes.size;
}

/** Creates a fresh directory `os.tmpdir()/slotbridge-lab-XXXXXX`, removed at exit unless kept. */
export async function createLabDir(prefix = 'slotbridge-lab-'): Promise<string> {
  registry.install();
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  registry.dirs.add(dir);
  return dir;
}

/** Removes a lab directory now. */
export async function removeLabDir(dir: string): Promise<void> {
  // Stays registered until removed, so an exit meanwhile still removes it synchronously.
  await rm(dir, { recursive: true, force: true });
  registry.dirs.delete(dir);
}

/** Keeps a lab directory after the process ends (for post-mortem reading of logs). */
export function keepLabDir(dir: string): void {
  registry.dirs.delete(dir);
}

/** One child process started by the lab. */
export class LabProcess {
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly exitPromise: Promise<void>;
  private exitedFlag = false;
  private pausedFlag = false;

  constructor(child: ChildProcess) {
    if (child.pid === undefined) {
      throw new LabError(`could not spawn ${child.spawnfile}`);
    }
    this.pid = child.pid;
    this.child = child;
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', () => {
        this.exitedFlag = true;
        registry.processes.delete(this);
        resolve();
      });
    });
  }

  /** True between SIGSTOP and SIGCONT sent through {@link signal}. */
  get paused(): boolean {
    return this.pausedFlag;
  }

  /** True once the process has exited. */
  get exited(): boolean {
    return this.exitedFlag;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  /** Resolves when the process exits, or returns false after `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<boolean> {
    if (this.exitedFlag) {
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      // A referenced timer keeps the event loop alive while the (unreferenced) child is awaited.
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const exited = await Promise.race([this.exitPromise.then(() => true), timeout]);
    clearTimeout(timer);
    return exited;
  }

  /** Sends a signal; ignores a process that already exited. */
  signal(signal: NodeJS.Signals): void {
    if (this.exitedFlag) {
      return;
    }
    try {
      process.kill(this.pid, signal);
    } catch {
      // Already gone.
    }
    if (signal === 'SIGSTOP') {
      this.pausedFlag = true;
    } else if (signal === 'SIGCONT') {
      this.pausedFlag = false;
    }
  }

  /** SIGTERM (after SIGCONT when paused), wait, SIGKILL after `graceMs`. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (this.exitedFlag) {
      return;
    }
    if (this.pausedFlag) {
      this.signal('SIGCONT');
    }
    this.signal('SIGTERM');
    if (await this.waitExit(graceMs)) {
      return;
    }
    await this.kill('SIGKILL');
  }

  /** Sends `signal` (SIGKILL by default) and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.signal(signal);
    if (!(await this.waitExit(STOP_GRACE_MS))) {
      this.signal('SIGKILL');
      if (!(await this.waitExit(STOP_GRACE_MS))) {
        throw new LabError(`process ${this.pid} did not exit after ${signal} and SIGKILL`);
      }
    }
  }

  /** Synchronous SIGKILL, for the exit hook. */
  killSync(): void {
    this.signal('SIGKILL');
  }
}

/**
 * Spawns `command args` detached from the terminal's stdio (the server writes its own log file)
 * and registers it so that it is killed when this process ends.
 */
export function spawnLabProcess(command: string, args: readonly string[], cwd: string): LabProcess {
  registry.install();
  const child = spawn(command, args, { cwd, stdio: 'ignore' });
  // Do not let a forgotten server keep the test worker alive: the exit hook kills it.
  child.unref();
  child.on('error', () => {
    // A spawn failure also emits 'exit' (or never starts); readiness checks report it with the log.
  });
  const labProcess = new LabProcess(child);
  registry.processes.add(labProcess);
  return labProcess;
}

/** The last `lines` lines of a file, or '' when it does not exist. */
export function readLogTail(file: string, lines = 50): string {
  if (!existsSync(file)) {
    return '';
  }
  const all = readFileSync(file, 'utf8').split('\n');
  if (all.at(-1) === '') {
    all.pop();
  }
  return all.slice(-lines).join('\n');
}

/**
 * Sends an inline `PING` over a raw socket and returns the first reply line (e.g. `+PONG`,
 * `-NOAUTH ...`, `-LOADING ...`), or undefined when nothing answered within `timeoutMs`.
 */
export function probePing(host: string, port: number, timeoutMs = 1_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    let reply = '';
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (value: string | undefined): void => {
      if (settled) {
        return;
      }
      settled = true;
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once('error', () => finish(undefined));
    socket.once('close', () => finish(undefined));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        finish(reply.slice(0, end));
      }
    });
  });
}

/** A reply meaning the server accepts commands (an auth error still proves it is serving). */
export function isReadyReply(reply: string | undefined): boolean {
  if (reply === undefined) {
    return false;
  }
  return reply.startsWith('+') || reply.startsWith('-NOAUTH') || reply.startsWith('-NOPERM');
}

export interface WaitReadyOptions {
  host: string;
  port: number;
  process: LabProcess;
  logFile: string;
  timeoutMs: number;
  /** Used in error messages, e.g. `redis-server 127.0.0.1:7000`. */
  label: string;
  /**
   * Also require this pattern in the log, written after byte `fromOffset` (see {@link logSize}):
   * proves that the answering server is this process and not another one holding the port.
   */
  readyLog?: { pattern: RegExp; fromOffset: number };
  /**
   * Replaces the raw-socket PING from this process, e.g. to ping from inside a network namespace.
   * Resolves with the first reply line (like {@link probePing}) or undefined.
   */
  probe?: () => Promise<string | undefined>;
  /** Milliseconds between probes. Default 50. */
  pollMs?: number;
}

/** Current size of a file in bytes (0 when missing): the offset to read a restarted server's log from. */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function logShows(file: string, pattern: RegExp, fromOffset: number): boolean {
  if (!existsSync(file)) {
    return false;
  }
  return pattern.test(readFileSync(file).subarray(fromOffset).toString('utf8'));
}

/** Thrown by {@link waitUntilReady} when the process exited before answering. */
export class LabProcessExitedError extends LabError {
  readonly logTail: string;
  constructor(message: string, logTail: string) {
    super(message);
    this.logTail = logTail;
  }
}

/** Polls PING until the server answers, the process exits or the timeout passes. */
export async function waitUntilReady(options: WaitReadyOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReply: string | undefined;
  while (Date.now() < deadline) {
    if (options.process.exited) {
      const tail = readLogTail(options.logFile, 30);
      throw new LabProcessExitedError(
        `${options.label} exited with code ${options.process.exitCode} before answering PING.\n` +
          `Log ${options.logFile}:\n${tail}`,
        tail,
      );
    }
    const logReady =
      options.readyLog === undefined ||
      logShows(options.logFile, options.readyLog.pattern, options.readyLog.fromOffset);
    if (logReady) {
      lastReply =
        options.probe === undefined
          ? await probePing(options.host, options.port, 500)
          : await options.probe();
      if (isReadyReply(lastReply)) {
        return;
      }
    }
    await delay(options.pollMs ?? 50);
  }
  throw new LabError(
    `${options.label} did not answer PING within ${options.timeoutMs} ms` +
      ` (last reply: ${lastReply ?? 'none'}).\nLog ${options.logFile}:\n${readLogTail(options.logFile, 30)}`,
  );
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a helper binary (redis-cli, openssl) and resolves with its output; rejects with LabError. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 10_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new LabError(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}${stdout}`.trim(), {
              cause: error,
            }),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
