/**
 * Removes what a kube lab process left behind when it was killed before its exit hook could run:
 * its namespaces (with the processes inside) and its temp directory. Only leftovers whose owning
 * process is gone are touched, so parallel labs (another test worker) are safe.
 */
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive, sweepLeftoverNamespaces } from './netns.js';

/** Prefix of a kube lab's temp directory: `slotbridge-kube-<pid>-<hex>-XXXXXX`. */
export const KUBE_DIR_PREFIX = 'slotbridge-kube-';
const KUBE_DIR_NAME = /^slotbridge-kube-(\d+)-/;

/** Deletes leftover namespaces and directories of dead lab processes; returns what it removed. */
export async function sweepKubeLeftovers(): Promise<{ namespaces: string[]; dirs: string[] }> {
  const namespaces = await sweepLeftoverNamespaces();
  const dirs: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(os.tmpdir());
  } catch {
    entries = [];
  }
  for (const entry of entries) {
    const owner = Number(KUBE_DIR_NAME.exec(entry)?.[1]);
    if (!Number.isInteger(owner) || owner === process.pid || isProcessAlive(owner)) {
      continue;
    }
    const dir = path.join(os.tmpdir(), entry);
    await rm(dir, { recursive: true, force: true });
    dirs.push(dir);
  }
  return { namespaces, dirs };
}
