/**
 * Vitest helpers for the kube lab. `useKubeLab(options)` starts one lab for the file in beforeAll
 * and stops it in afterAll (keeping its files, and printing where, when a test failed).
 * `kubeSkipReason` is why kube tests skip here (printed once), or undefined when they run.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type KubeLab,
  type KubeLabOptions,
  netnsUnavailableReason,
  startKubeLab,
} from '../../../src/lab/kube/index.js';
import type { ProbeResult } from './laptop-probe.js';

export const kubeSkipReason = netnsUnavailableReason();
if (kubeSkipReason !== undefined) {
  console.warn(`[kube lab] tests skipped: ${kubeSkipReason}`);
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The laptop-side probe script (runs under tsx inside the laptop namespace). */
export const LAPTOP_PROBE = path.join(here, 'laptop-probe.ts');
/** The orphan fixture (starts a lab in a child process). */
export const KUBE_ORPHAN_FIXTURE = path.join(here, 'kube-orphan-fixture.ts');
/** Prints the error startKubeLab rejects with (run as an unprivileged user). */
export const KUBE_UNAVAILABLE_FIXTURE = path.join(here, 'kube-unavailable-fixture.ts');

/**
 * The unavailable-fixture as one self-contained JavaScript file in a fresh folder any user can read, for
 * running it as an unprivileged user: the checkout itself may not be readable by that user (a clone in
 * root's home or another mode-700 folder), and neither are tsx or node_modules then. Returns the file
 * and a cleanup function.
 */
export async function readableUnavailableFixture(): Promise<{ file: string; remove(): Promise<void> }> {
  const { build } = await import('esbuild');
  const dir = await mkdtemp(path.join(tmpdir(), 'slotbridge-unprivileged-'));
  await chmod(dir, 0o755);
  const file = path.join(dir, 'kube-unavailable-fixture.mjs');
  await build({
    entryPoints: [KUBE_UNAVAILABLE_FIXTURE],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  await chmod(file, 0o644);
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface KubeLabFixture {
  readonly lab: KubeLab;
}

export function useKubeLab(options: KubeLabOptions = {}): KubeLabFixture {
  let handle: KubeLab | undefined;
  let failed = false;
  beforeAll(async () => {
    handle = await startKubeLab(options);
  }, 90_000);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      failed = true;
    });
  });
  afterAll(async () => {
    await handle?.stop({ keepFiles: failed });
    if (failed && handle !== undefined) {
      console.error(`[kube lab] a test failed: kept the lab's files in ${handle.dir}`);
    }
  });
  return {
    get lab(): KubeLab {
      if (handle === undefined) {
        throw new Error('useKubeLab: the lab is not started yet (read it inside a test or hook)');
      }
      return handle;
    },
  };
}

/** Sends `command` to every target from the laptop namespace over raw sockets. */
export async function probeFromLaptop(
  lab: KubeLab,
  targets: readonly string[],
  command: readonly string[],
  timeoutMs = 3_000,
): Promise<ProbeResult[]> {
  const spec = JSON.stringify({ targets, command, timeoutMs });
  const result = await lab.runInLaptop(LAPTOP_PROBE, [spec], { timeoutMs: timeoutMs + 20_000 });
  if (result.code !== 0) {
    throw new Error(
      `laptop probe failed (exit ${result.code}, timed out: ${result.timedOut}):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as ProbeResult[];
}

/** Names of the network namespaces that exist now. */
export function listNamespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name !== '');
}
