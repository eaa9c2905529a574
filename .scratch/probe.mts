import { startCluster } from '../src/lab/index.js';
import { readdirSync, readFileSync } from 'node:fs';
const c = await startCluster({});
const n = c.nodes[0];
console.log(n.server.dir, readdirSync(n.server.dir));
console.log(readFileSync(n.server.configFile, 'utf8'));
try { console.log(readFileSync(n.server.dir + '/nodes.conf', 'utf8').slice(0, 300)); } catch (e) { console.log('no nodes.conf', e.message); }
console.log(await n.cli('CONFIG', 'GET', 'cluster-config-file'), await n.cli('CONFIG', 'GET', 'dir'));
await c.stop();
