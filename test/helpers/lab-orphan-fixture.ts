/**
 * Child-process fixture for the lab's cleanup tests: starts a server, prints `{ pid, dir }` as JSON,
 * then either exits without stopping it (`exit`) or idles until a signal arrives (`wait`).
 */
import { startServer } from '../../src/lab/index.js';

const mode = process.argv[2] ?? 'exit';
const server = await startServer();
process.stdout.write(`${JSON.stringify({ pid: server.pid, dir: server.dir })}\n`);
if (mode === 'exit') {
  process.exit(0);
}
setInterval(() => {}, 1_000);
