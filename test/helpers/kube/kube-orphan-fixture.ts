/**
 * Child-process fixture for the kube lab's cleanup tests: starts a lab with no Redis topology and
 * one workload process inside its cluster namespace, prints `{ namespaces, pids, dir }` as JSON,
 * then either exits without stopping it (`exit`: the exit hook must clean up) or idles until
 * killed (`wait`: SIGKILL leaves it for the sweeper).
 */

import { labServerBuild } from '../../../src/lab/index.js';
import { startKubeLab } from '../../../src/lab/kube/index.js';

const mode = process.argv[2] ?? 'exit';
const lab = await startKubeLab({ cluster: false, sentinel: false });
const [address] = lab.workloadAddresses;
const workload = lab.spawn('cluster', labServerBuild().server, [
  '--bind',
  address,
  '--port',
  '7000',
  '--save',
  '',
]);
process.stdout.write(
  `${JSON.stringify({ namespaces: Object.values(lab.namespaces), pids: [workload.pid], dir: lab.dir })}\n`,
);
if (mode === 'exit') {
  process.exit(0);
}
setInterval(() => {}, 1_000);
