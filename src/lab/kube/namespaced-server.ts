/**
 * One redis-server or redis-sentinel running inside a namespace (`ip netns exec NS redis-server
 * CONF`, which execs: the registered pid is the server's), and redis-cli run inside the namespace
 * to reach it. Readiness is checked from inside the namespace as well.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ConfigLine, writeConfigFile } from '../config.js';
import { LabError } from '../errors.js';
import { type LabProcess, readLogTail, spawnLabProcess, waitUntilReady } from '../process.js';
import { labServerBuild } from '../server-build.js';
import { hostPort } from './address-plan.js';
import { execInNamespace, IP_BINARY, netnsExecArgs } from './netns.js';

/** Roles a namespaced process runs as; the binaries come from the lab's server build (SLOTBRIDGE_SERVER). */
export const REDIS_SERVER = 'redis-server';
export const REDIS_SENTINEL = 'redis-sentinel';

/** The command-line client of the lab's server build. */
export function redisCli(): string {
  return labServerBuild().cli;
}

/** A Redis process inside the lab's cluster namespace. */
export interface NamespacedServer {
  readonly ns: string;
  readonly host: string;
  readonly port: number;
  /** `host:port` inside the cluster network. */
  readonly address: string;
  readonly dir: string;
  readonly logFile: string;
  readonly process: LabProcess;
}

export interface StartNamespacedOptions {
  ns: string;
  host: string;
  port: number;
  /** Directory of this server (config, log, data); must exist. */
  dir: string;
  binary: typeof REDIS_SERVER | typeof REDIS_SENTINEL;
  /** Config directives; `port`, `bind`, `dir` and `logfile` are added here. */
  lines: readonly ConfigLine[];
  timeoutMs: number;
}

/** Writes the config, spawns the server inside `ns` and waits until it answers PING there. */
export async function startNamespacedServer(options: StartNamespacedOptions): Promise<NamespacedServer> {
  const logFile = path.join(options.dir, 'server.log');
  const configFile = path.join(
    options.dir,
    options.binary === REDIS_SENTINEL ? 'sentinel.conf' : 'redis.conf',
  );
  const lines: ConfigLine[] = [
    ['port', String(options.port)],
    ['bind', options.host],
    ['protected-mode', 'no'],
    ['daemonize', 'no'],
    ['dir', options.dir],
    ['logfile', logFile],
    ...options.lines,
  ];
  await writeConfigFile(configFile, lines);
  await writeFile(logFile, '');
  const address = hostPort(options.host, options.port);
  const build = labServerBuild();
  const command =
    options.binary === REDIS_SENTINEL
      ? build.sentinel(configFile)
      : { file: build.server, args: [configFile] };
  const child = spawnLabProcess(
    IP_BINARY,
    netnsExecArgs(options.ns, command.file, command.args),
    options.dir,
  );
  try {
    await waitUntilReady({
      host: options.host,
      port: options.port,
      process: child,
      logFile,
      timeoutMs: options.timeoutMs,
      label: `${options.binary} ${address} (namespace ${options.ns})`,
      probe: () => pingInNamespace(options.ns, options.host, options.port),
      pollMs: 100,
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    ns: options.ns,
    host: options.host,
    port: options.port,
    address,
    dir: options.dir,
    logFile,
    process: child,
  };
}

async function pingInNamespace(ns: string, host: string, port: number): Promise<string | undefined> {
  const result = await execInNamespace(ns, redisCli(), ['-h', host, '-p', String(port), 'PING'], {
    timeoutMs: 2_000,
  });
  const reply = result.stdout.trim();
  if (result.code !== 0 || reply === '') {
    return undefined;
  }
  // redis-cli prints simple strings bare; isReadyReply expects the RESP form.
  return reply.startsWith('NOAUTH') || reply.startsWith('ERR') ? `-${reply}` : `+${reply}`;
}

/**
 * Runs `redis-cli -h host -p port args` inside `ns` and returns stdout trimmed. Rejects with a
 * LabError when redis-cli fails or prints an error reply (`(error) …` or `ERR …` on stdout).
 */
export async function cliInNamespace(
  ns: string,
  host: string,
  port: number,
  args: readonly string[],
  timeoutMs = 10_000,
): Promise<string> {
  const result = await execInNamespace(ns, redisCli(), ['-h', host, '-p', String(port), ...args], {
    timeoutMs,
  });
  const stdout = result.stdout.trim();
  if (
    result.code !== 0 ||
    /^(\(error\) )?(ERR|NOAUTH|WRONGTYPE|MOVED|ASK|CLUSTERDOWN|NOGOODSLAVE|NOTBUSY)\b/.test(stdout)
  ) {
    throw new LabError(
      `redis-cli -h ${host} -p ${port} ${args.join(' ')} (namespace ${ns}) failed` +
        ` (exit ${result.code}${result.timedOut ? ', timed out' : ''}): ${stdout} ${result.stderr.trim()}`.trim(),
    );
  }
  return stdout;
}

/** The last lines of a namespaced server's log, for error messages. */
export function serverLogTail(server: NamespacedServer, lines = 20): string {
  return `Log ${server.logFile}:\n${readLogTail(server.logFile, lines)}`;
}
