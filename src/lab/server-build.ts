/**
 * Which server binaries the lab runs: one setting, `SLOTBRIDGE_SERVER`, read by every lab topology
 * (standalone, cluster, sentinel, the namespace lab), every `redis-cli` the lab runs, the CLI's
 * `lab up --server`, the demo, the tests and the benchmark.
 *
 * The setting is a directory holding `redis-server` (or `valkey-server`), a directory whose `bin/`
 * holds it, or the NAME of a folder in the servers directory (e.g. `valkey-8.0.1`). Unset or empty:
 * `redis-server`, `redis-sentinel` and `redis-cli` from PATH.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from './errors.js';

/** Environment variable naming the server build. */
export const SERVER_SETTING = 'SLOTBRIDGE_SERVER';
/** Environment variable naming the folder that holds several server builds (one sub-folder each). */
export const SERVERS_DIR_SETTING = 'SLOTBRIDGE_SERVERS_DIR';
/** Last place looked for the servers folder when neither the setting nor `<repo>/../shared/servers` has it. */
const SHARED_SERVERS_FALLBACK = '/work/shared/servers';

/** A command line: the file to execute and the arguments before the caller's own. */
export interface CommandLine {
  readonly file: string;
  readonly args: readonly string[];
}

/** The binaries of one server build. */
export interface ServerBuild {
  /** `PATH`, or the folder name of the build (e.g. `valkey-8.0.1`). */
  readonly name: string;
  /** Directory of the binaries; undefined when taken from PATH. */
  readonly binDir: string | undefined;
  /** The server binary (absolute path, or a bare name looked up on PATH). */
  readonly server: string;
  /** The command-line client. */
  readonly cli: string;
  /** How to start a sentinel with `configFile`. */
  sentinel(configFile: string): CommandLine;
}

/** The repository root (this file is `src/lab/` in the sources and `dist/lab/` once built). */
export function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** Where the servers folder was found and why (for messages: "which was used"). */
export interface ServersDirChoice {
  readonly dir: string | undefined;
  /** Every place considered, in order, with whether it exists. */
  readonly considered: readonly { readonly dir: string; readonly from: string; readonly exists: boolean }[];
}

/**
 * Finds the folder of server builds: `SLOTBRIDGE_SERVERS_DIR`, else `<repo>/../shared/servers`,
 * else `/work/shared/servers` (a CI clone lives in an arbitrary folder, so the relative path may miss).
 */
export function findServersDir(env: NodeJS.ProcessEnv = process.env): ServersDirChoice {
  const candidates: { dir: string; from: string }[] = [];
  const configured = env[SERVERS_DIR_SETTING];
  if (configured !== undefined && configured !== '') {
    candidates.push({ dir: path.resolve(configured), from: SERVERS_DIR_SETTING });
    // An explicit setting is the only place looked: a typo must not silently test something else.
    const exists = isDirectory(candidates[0].dir);
    return { dir: exists ? candidates[0].dir : undefined, considered: [{ ...candidates[0], exists }] };
  }
  candidates.push({
    dir: path.resolve(repoRoot(), '..', 'shared', 'servers'),
    from: '<repo>/../shared/servers',
  });
  candidates.push({ dir: SHARED_SERVERS_FALLBACK, from: 'fallback' });
  const considered = candidates.map((candidate) => ({ ...candidate, exists: isDirectory(candidate.dir) }));
  return { dir: considered.find((candidate) => candidate.exists)?.dir, considered };
}

/** The server builds in a servers folder: every sub-folder with a server binary, sorted by name. */
export function listServerBuilds(serversDir: string): ServerBuild[] {
  const builds: ServerBuild[] = [];
  for (const entry of readdirNames(serversDir)) {
    const binDir = binDirOf(path.join(serversDir, entry));
    if (binDir !== undefined) {
      builds.push(buildFromDir(entry, binDir));
    }
  }
  return builds;
}

/**
 * Resolves a `SLOTBRIDGE_SERVER` value (see the module comment). Throws a LabError naming every
 * place looked at when nothing there holds a server binary.
 */
export function resolveServerBuild(
  setting: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ServerBuild {
  if (setting === undefined || setting.trim() === '') {
    return PATH_BUILD;
  }
  const value = setting.trim();
  const looked: string[] = [];
  const direct = path.resolve(value);
  looked.push(direct);
  const directBin = binDirOf(direct);
  if (directBin !== undefined) {
    return buildFromDir(nameOf(directBin), directBin);
  }
  if (!value.includes('/')) {
    const servers = findServersDir(env);
    for (const candidate of servers.considered) {
      const dir = path.join(candidate.dir, value);
      looked.push(dir);
      const bin = binDirOf(dir);
      if (bin !== undefined) {
        return buildFromDir(value, bin);
      }
    }
  }
  throw new LabError(
    `${SERVER_SETTING}=${value}: no redis-server (or valkey-server) found in ${looked.join(', ')}, nor in a bin/ folder there. ` +
      `Give a folder of server binaries, its parent, or the name of a folder in ../shared/servers.`,
  );
}

/** The build the lab uses now: `SLOTBRIDGE_SERVER` from the environment, resolved on every call. */
export function labServerBuild(env: NodeJS.ProcessEnv = process.env): ServerBuild {
  return resolveServerBuild(env[SERVER_SETTING], env);
}

/** `redis-server --version` of a build, e.g. `Valkey server v=8.0.1 ...`, first line only. */
export function serverVersionLine(build: ServerBuild): Promise<string> {
  return new Promise<string>((resolve) => {
    execFile(build.server, ['--version'], { timeout: 5_000 }, (error, stdout) => {
      resolve(error ? `unknown (${error.message})` : stdout.split('\n')[0].trim());
    });
  });
}

const PATH_BUILD: ServerBuild = {
  name: 'PATH',
  binDir: undefined,
  server: 'redis-server',
  cli: 'redis-cli',
  sentinel: (configFile) => ({ file: 'redis-sentinel', args: [configFile] }),
};

function buildFromDir(name: string, binDir: string): ServerBuild {
  const server =
    firstExecutable(binDir, ['redis-server', 'valkey-server']) ?? path.join(binDir, 'redis-server');
  const cli = firstExecutable(binDir, ['redis-cli', 'valkey-cli']) ?? 'redis-cli';
  const sentinelBinary = firstExecutable(binDir, ['redis-sentinel', 'valkey-sentinel']);
  return {
    name,
    binDir,
    server,
    cli,
    // A sentinel link copied as a plain file (e.g. from an archive without symlinks) is not
    // executable: the server binary starts in sentinel mode with `--sentinel` on every version.
    sentinel: (configFile) =>
      sentinelBinary === undefined
        ? { file: server, args: [configFile, '--sentinel'] }
        : { file: sentinelBinary, args: [configFile] },
  };
}

/** `dir` itself when it holds a server binary, else `dir/bin` when that does, else undefined. */
function binDirOf(dir: string): string | undefined {
  for (const candidate of [dir, path.join(dir, 'bin')]) {
    if (firstExecutable(candidate, ['redis-server', 'valkey-server']) !== undefined) {
      return candidate;
    }
  }
  return undefined;
}

/** The folder name that identifies a build: the parent of `bin/`, else the folder itself. */
function nameOf(binDir: string): string {
  const base = path.basename(binDir);
  return base === 'bin' ? path.basename(path.dirname(binDir)) : base;
}

function firstExecutable(dir: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const file = path.join(dir, name);
    if (isExecutableBinary(file)) {
      return file;
    }
  }
  return undefined;
}

function isExecutableBinary(file: string): boolean {
  try {
    if (!statSync(file).isFile()) {
      return false;
    }
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function readdirNames(dir: string): string[] {
  if (!isDirectory(dir)) {
    return [];
  }
  return readdirSync(dir).sort();
}
