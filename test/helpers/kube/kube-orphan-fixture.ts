/**
 * Child-process fixture for the kube lab's cleanup tests: starts a lab with only the sentinel
 * group, prints `{ namespaces, pids, dir }` as JSON, then either exits without stopping it
 * (`exit`: the exit hook must clean up) or idles until killed (`wait`: SIGKILL leaves it for the sweeper).
 */
import { startKubeLab } from '../../../src/lab/kube/index.js';

const mode = process.argv[2] ?? 'exit';
const lab = await startKubeLab({ cluster: false, exposeEach: false });
const pids = [...lab.sentinelDataNodes, ...lab.sentinels].map((node) => node.pid);
process.stdout.write(
  `${JSON.stringify({ namespaces: Object.values(lab.namespaces), pids, dir: lab.dir })}\n`,
);
if (mode === 'exit') {
  process.exit(0);
}
setInterval(() => {}, 1_000);
