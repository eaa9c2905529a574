/**
 * Linux network namespaces through iproute2: create, delete, list the processes inside, run a
 * command inside, and sweep namespaces left behind by a lab process that died. Every namespace
 * this module creates is named `sb-<role>-<pid>-<random>`, so leftovers can be traced to their owner.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { LabError } from '../errors.js';

/** iproute2, where Debian and Ubuntu install it. */
export const IP_BINARY = existsSync('/usr/sbin/ip') ? '/usr/sbin/ip' : 'ip';

/** Directory where `ip netns add` pins named namespaces. */
const NETNS_DIR = '/var/run/netns';

/** Prefix of every namespace the lab creates (`sb-cl-…`, `sb-in-…`, `sb-lp-…`). */
export const NAMESPACE_PREFIX = 'sb-';

/** `sb-<role>-<pid>-<hex>`: the pid is the lab process that created it. */
const NAMESPACE_NAME = /^sb-[a-z]{2}-(\d+)-[0-9a-f]+$/;

/** Code of the error {@link startKubeLab} throws when namespaces cannot be used here. */
export const LAB_UNAVAILABLE = 'ERR_LAB_UNAVAILABLE';

/** The kube lab cannot run on this machine (not root, no iproute2, no netns support); `reason` says why. */
export class LabUnavailableError extends LabError {
  readonly reason: string;
  constructor(reason: string) {
    super(`the kube lab needs Linux network namespaces: ${reason}`, { code: LAB_UNAVAILABLE });
    this.reason = reason;
  }
}

/** Output of a command run to completion; `code` is null when it was killed by a signal. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the command was killed because it ran past its timeout. */
  timedOut: boolean;
}

/** Runs `file args`, never rejecting on a non-zero exit (the result carries the code). */
export function execCapture(
  file: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        env: options.env,
        cwd: options.cwd,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr, code: 0, signal: null, timedOut: false });
          return;
        }
        const details = error as NodeJS.ErrnoException & { code?: unknown; signal?: NodeJS.Signals | null };
        if (typeof details.code === 'string') {
          // The command could not be started at all (ENOENT, EACCES).
          reject(new LabError(`could not run ${file}: ${error.message}`, { cause: error }));
          return;
        }
        const signal = details.signal ?? null;
        resolve({
          stdout,
          stderr,
          code: typeof details.code === 'number' ? details.code : null,
          signal,
          timedOut: signal === 'SIGKILL' && Date.now() - started >= timeoutMs,
        });
      },
    );
  });
}

/** Runs `ip args` and rejects with a LabError carrying its stderr on failure. */
export async function runIp(args: readonly string[]): Promise<string> {
  const result = await execCapture(IP_BINARY, args);
  if (result.code !== 0) {
    throw new LabError(`ip ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Arguments that run `command args` inside namespace `ns` (`ip netns exec` execs it: same pid). */
export function netnsExecArgs(ns: string, command: string, args: readonly string[]): string[] {
  return ['netns', 'exec', ns, command, ...args];
}

/** Runs `command args` inside `ns` to completion; never rejects on a non-zero exit. */
export function execInNamespace(
  ns: string,
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ExecResult> {
  return execCapture(IP_BINARY, netnsExecArgs(ns, command, args), options);
}

/** A fresh namespace name for `role` (two letters), unique per process and call. */
export function namespaceName(role: string, suffix: string): string {
  return `${NAMESPACE_PREFIX}${role}-${suffix}`;
}

/** Creates a namespace and brings its loopback up. */
export async function createNamespace(name: string): Promise<void> {
  await runIp(['netns', 'add', name]);
  await runIp(['-n', name, 'link', 'set', 'lo', 'up']);
}

/** Pids of the processes running inside `name` (empty when it does not exist). */
export async function namespacePids(name: string): Promise<number[]> {
  const result = await execCapture(IP_BINARY, ['netns', 'pids', name]);
  return parsePids(result.stdout);
}

function parsePids(text: string): number[] {
  return text
    .split('\n')
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** SIGKILLs every process left inside `name`, then deletes it (its veth ends go with it). */
export async function deleteNamespace(name: string): Promise<void> {
  for (const pid of await namespacePids(name)) {
    killQuietly(pid);
  }
  if (!existsSync(`${NETNS_DIR}/${name}`)) {
    return;
  }
  await runIp(['netns', 'del', name]);
}

/** Synchronous {@link deleteNamespace}, for the process `exit` hook. */
export function deleteNamespaceSync(name: string): void {
  try {
    const pids = execFileSync(IP_BINARY, ['netns', 'pids', name], { stdio: ['ignore', 'pipe', 'ignore'] });
    for (const pid of parsePids(pids.toString())) {
      killQuietly(pid);
    }
  } catch {
    // Already gone.
  }
  if (existsSync(`${NETNS_DIR}/${name}`)) {
    execFileSync(IP_BINARY, ['netns', 'del', name], { stdio: 'ignore' });
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Whether `pid` exists (a zombie counts as alive). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes lab namespaces (`sb-xx-<pid>-<hex>`) whose creating process is gone, with whatever still
 * runs inside them. Namespaces of live lab processes (a parallel test worker) are left alone.
 * Returns the names deleted.
 */
export async function sweepLeftoverNamespaces(): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(NETNS_DIR);
  } catch {
    return [];
  }
  const deleted: string[] = [];
  for (const name of names) {
    const match = NAMESPACE_NAME.exec(name);
    if (match === null) {
      continue;
    }
    const owner = Number(match[1]);
    if (owner === process.pid || isProcessAlive(owner)) {
      continue;
    }
    try {
      await deleteNamespace(name);
      deleted.push(name);
    } catch {
      // Another sweeper got there first.
    }
  }
  return deleted;
}

let cachedReason: string | null | undefined;

/**
 * Why the kube lab cannot run here, or undefined when it can: needs root (CAP_NET_ADMIN and
 * CAP_SYS_ADMIN), Linux, iproute2, and a kernel that lets us create a namespace (checked once by
 * creating and deleting a probe namespace). Cached for the process.
 */
export function netnsUnavailableReason(): string | undefined {
  if (cachedReason === undefined) {
    cachedReason = probeNetns() ?? null;
  }
  return cachedReason ?? undefined;
}

/** True when {@link startKubeLab} can run on this machine. See {@link netnsUnavailableReason}. */
export function canUseNetns(): boolean {
  return netnsUnavailableReason() === undefined;
}

function probeNetns(): string | undefined {
  if (process.platform !== 'linux') {
    return `network namespaces exist only on Linux (this is ${process.platform})`;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'it must run as root (ip netns add needs CAP_SYS_ADMIN and CAP_NET_ADMIN); run the tests as root';
  }
  const name = namespaceName('pr', `${process.pid}-${Math.floor(Math.random() * 0xffff).toString(16)}`);
  try {
    execFileSync(IP_BINARY, ['netns', 'add', name], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing
      ? 'iproute2 is not installed (apt-get install -y iproute2)'
      : `ip netns add failed: ${stderr || (error as Error).message}`;
  }
  try {
    execFileSync(IP_BINARY, ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // The sweeper removes it later.
  }
  return undefined;
}
