/**
 * The port table in a file (`--port-table file:PATH`), for users whose proxy may not write to the
 * servers: one `<node id> <port>` row a line, `#` comments. Writable: new nodes are appended (under a
 * lock file, written to a temporary file then renamed), so the file survives restarts and replicas on a
 * shared volume share it. Read-only (a ConfigMap mount): the file is the whole table; a node it does
 * not list gets no port, and the log line names the row to add.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { PortRange } from './port-allocator.js';
import { CachedPortTable, PortRangeFullError, PortTableError } from './port-table.js';

const LOCK_WAIT_MS = 5_000;
/** A lock older than this was left by a process that died while holding it. */
const STALE_LOCK_MS = 10_000;

export class FilePortTable extends CachedPortTable {
  readonly shared = true;
  readonly description: string;

  constructor(
    readonly path: string,
    range: PortRange,
    reserved: Iterable<number> = [],
  ) {
    super(range, reserved);
    this.description = `file ${path}`;
  }

  async load(): Promise<ReadonlyMap<string, number>> {
    for (const [nodeId, port] of this.read()) this.remember(nodeId, port);
    return this.byNode;
  }

  async claim(nodeId: string): Promise<number> {
    const known = this.byNode.get(nodeId);
    if (known !== undefined) return known;
    await this.load();
    const loaded = this.byNode.get(nodeId);
    if (loaded !== undefined) return loaded;
    const release = await this.lock(nodeId);
    try {
      // Read again under the lock: another replica may have added rows since.
      const rows = this.read();
      for (const [id, port] of rows) this.remember(id, port);
      const stored = this.byNode.get(nodeId);
      if (stored !== undefined) return stored;
      const port = this.freePort();
      if (port === undefined) throw new PortRangeFullError(nodeId, this.range);
      rows.set(nodeId, port);
      this.write(rows, nodeId, port);
      this.remember(nodeId, port);
      return port;
    } finally {
      release();
    }
  }

  /** The rows of the file; a missing file is an empty table. */
  private read(): Map<string, number> {
    let content: string;
    try {
      content = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw this.failure('cannot be read', error);
    }
    const rows = new Map<string, number>();
    for (const [index, raw] of content.split('\n').entries()) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      const match = /^(\S+)\s+(\d{1,5})$/.exec(line);
      const port = match === null ? Number.NaN : Number(match[2]);
      if (match === null || port < 1 || port > 65_535) {
        throw new PortTableError(
          `port table file ${this.path}, line ${index + 1}: expected "<node id> <port>", got "${raw}"`,
          { permanent: true },
        );
      }
      rows.set(match[1], port);
    }
    return rows;
  }

  private write(rows: ReadonlyMap<string, number>, nodeId: string, port: number): void {
    const lines = ['# slotbridge proxy port table: <node id> <port> (rows are never changed or reused)'];
    for (const [id, p] of rows) lines.push(`${id} ${p}`);
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, `${lines.join('\n')}\n`);
      renameSync(temporary, this.path);
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {
        // Nothing was written.
      }
      throw this.failure(`cannot be written (add the row "${nodeId} ${port}" to it by hand)`, error);
    }
  }

  /** Takes `PATH.lock` (exclusive create); waits for another holder, breaks a stale lock. */
  private async lock(nodeId: string): Promise<() => void> {
    const file = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(file, 'wx'));
        return () => {
          try {
            unlinkSync(file);
          } catch {
            // Already gone.
          }
        };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          throw this.failure(
            `cannot be written (${code ?? 'error'}): node ${nodeId} is not in it and gets no port; add a row "${nodeId} <port>" to it`,
            error,
            true,
          );
        }
        try {
          if (Date.now() - statSync(file).mtimeMs > STALE_LOCK_MS) unlinkSync(file);
        } catch {
          // Released meanwhile.
        }
        if (Date.now() > deadline) throw this.failure(`stays locked by ${file}`, error);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  private failure(what: string, error: unknown, nodeOnly = false): PortTableError {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return new PortTableError(`port table file ${this.path} ${what}${nodeOnly ? '' : ` (${code})`}`, {
      cause: error,
      permanent: code === 'EACCES' || code === 'EROFS' || code === 'EPERM',
      nodeOnly,
    });
  }
}
