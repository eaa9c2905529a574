import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../helpers/lab.js';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { timeout: 15_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Spawns `node --import tsx FILE args` (one process, so signals reach it directly). */
function spawnTs(file: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) {
        resolve(match);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${text}`)),
    );
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
}

describe('cli', () => {
  it('--help prints the usage and exits 0', async () => {
    const outcome = await cli('--help');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/Usage: slotbridge/);
    expect(outcome.stdout).toMatch(/lab up/);
    expect(outcome.stdout).toMatch(/demo/);
  });

  it('--help names both proxy modes (--cluster and --sentinel)', async () => {
    const outcome = await cli('--help');
    expect(outcome.stdout).toMatch(/proxy --cluster /);
    expect(outcome.stdout).toMatch(/proxy --sentinel .* --name MASTER/);
  });

  it('--version prints the package version and exits 0', async () => {
    const outcome = await cli('--version');
    expect(outcome.code).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(outcome.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown command exits 2 with a message', async () => {
    const outcome = await cli('frobnicate');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('an unknown flag exits 2', async () => {
    const outcome = await cli('lab', 'up', '--nope');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/unknown option "--nope"/);
  });

  it('lab up --server with a build that does not exist exits 2 naming where it looked', async () => {
    const outcome = await cli('lab', 'up', 'cluster', '--server', 'no-such-build-1.0');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/--server: SLOTBRIDGE_SERVER=no-such-build-1\.0: no redis-server/);
  });

  it('lab up standalone --server DIR runs that build (the bin folder of the one on PATH here)', async () => {
    const onPath = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    const binDir = path.dirname(realpathSync(onPath));
    const child = spawnTs('src/cli/main.ts', ['lab', 'up', 'standalone', '--server', binDir]);
    const [, port] = await waitForOutput(child, /try: \S+ -p (\d+)/);
    const info = execFileSync(path.join(binDir, 'redis-cli'), ['-p', port, 'INFO', 'server'], {
      encoding: 'utf8',
    });
    expect(info).toMatch(/executable:/);
    expect(info).toContain(binDir);
    child.kill('SIGTERM');
    expect(await waitForExit(child)).toBe(0);
  });

  it('lab up standalone serves until SIGTERM, then stops the server and exits 0', async () => {
    const child = spawnTs('src/cli/main.ts', ['lab', 'up', 'standalone']);
    const [, pid, dir] = await waitForOutput(child, /\(pid (\d+)\)[\s\S]*files: (\S+)/);
    expect(await isAlive(Number(pid))).toBe(true);
    child.kill('SIGTERM');
    expect(await waitForExit(child)).toBe(0);
    expect(await isAlive(Number(pid))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('lab cleanup when the owning process ends', () => {
  it('kills servers and removes dirs on exit without stop()', async () => {
    const child = spawnTs('test/helpers/lab-orphan-fixture.ts', ['exit']);
    const [json] = await waitForOutput(child, /\{.*\}/);
    await waitForExit(child);
    const { pid, dir } = JSON.parse(json) as { pid: number; dir: string };
    expect(await isAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('stops servers on SIGTERM and exits 143', async () => {
    const child = spawnTs('test/helpers/lab-orphan-fixture.ts', ['wait']);
    const [json] = await waitForOutput(child, /\{.*\}/);
    const { pid, dir } = JSON.parse(json) as { pid: number; dir: string };
    child.kill('SIGTERM');
    expect(await waitForExit(child)).toBe(143);
    expect(await isAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
