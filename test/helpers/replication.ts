/**
 * Waits until a replica has applied everything its primary wrote so far (INFO replication offsets), so a
 * test that reads from replicas reads what it wrote. Lab setup: the servers' state, not the client's.
 */
interface Node {
  cli(...args: string[]): Promise<string>;
}

function replicationOffset(info: string): number {
  const match = /^master_repl_offset:(\d+)/m.exec(info);
  return match ? Number(match[1]) : -1;
}

export async function waitReplicated(primary: Node, replica: Node, timeoutMs = 5_000): Promise<void> {
  const target = replicationOffset(await primary.cli('INFO', 'replication'));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const applied = replicationOffset(await replica.cli('INFO', 'replication'));
    if (applied >= target) return;
    if (performance.now() > deadline)
      throw new Error(
        `replica at offset ${applied} did not reach its primary's ${target} in ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
