/**
 * Rewritten MOVED/ASK lines of one proxy, shared by its sessions: a client pipelining commands for keys
 * of another node gets the same redirect line many times. Emptied whenever the proxy's table may have
 * changed (a refresh or a topology change), so a cached line never names a stale port.
 */
import type { ProxyDirectory } from './proxy-directory.js';

/** Lines kept at most (at most one per slot and node, in practice). */
const REDIRECT_CACHE_LIMIT = 65_536;

export class RedirectCache {
  private lines = new Map<string, Buffer>();
  private refreshes: number;
  private changes: number;

  constructor(private readonly directory: ProxyDirectory) {
    this.refreshes = directory.refreshCount;
    this.changes = directory.changeCount;
  }

  /** The rewritten form of `line` (the error text without `-` and CRLF), if seen with the current table. */
  get(line: string): Buffer | undefined {
    this.check();
    return this.lines.get(line);
  }

  set(line: string, rewritten: Buffer): void {
    this.check();
    if (this.lines.size >= REDIRECT_CACHE_LIMIT) this.lines.clear();
    this.lines.set(line, rewritten);
  }

  private check(): void {
    const directory = this.directory;
    if (directory.refreshCount === this.refreshes && directory.changeCount === this.changes) return;
    this.refreshes = directory.refreshCount;
    this.changes = directory.changeCount;
    this.lines = new Map();
  }
}
