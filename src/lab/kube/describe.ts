/** Human-readable description of a running kube lab: namespaces, nodes, ingress ports, commands to try. */
import type { KubeLab } from './kube-lab.js';

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/** A multi-line text describing `lab` (printed by `slotbridge lab up kube`). */
export function describeKubeLab(lab: KubeLab): string {
  const ns = lab.namespaces;
  const lines = [
    'kube lab is up (Linux network namespaces; nothing outside them is touched)',
    `  cluster ns: ${ns.cluster}   ingress ns: ${ns.ingress}   laptop ns: ${ns.laptop}`,
    `  laptop ${lab.laptopHost} reaches only the ingress ${lab.ingressHost} (no default route)`,
    '',
    `  ${pad('role', 18)}${pad('inside (announced)', 21)}${pad('ingress (laptop)', 20)}id`,
  ];
  for (const node of lab.clusterNodes) {
    lines.push(
      `  ${pad('cluster node', 18)}${pad(node.internal, 21)}${pad(node.ingress ?? '-', 20)}${node.id}`,
    );
  }
  lab.sentinelDataNodes.forEach((node, index) => {
    const role = index === 0 ? 'sentinel primary' : 'sentinel replica';
    lines.push(`  ${pad(role, 18)}${pad(node.internal, 21)}${pad(node.ingress ?? '-', 20)}run ${node.runId}`);
  });
  for (const sentinel of lab.sentinels) {
    lines.push(
      `  ${pad('sentinel', 18)}${pad(sentinel.internal, 21)}${pad(sentinel.ingress ?? '-', 20)}${sentinel.id}`,
    );
  }
  lines.push('');
  const inLaptop = `ip netns exec ${ns.laptop}`;
  if (lab.seed !== undefined) {
    lines.push(
      `  cluster seed:   ${lab.seed.ingress} -> ${lab.seed.internal}` +
        (lab.clusterNodes[0]?.ingress === undefined
          ? ''
          : `   every node: ${lab.ingressHost}:${lab.clusterPortRange}`),
      `    the failure:  ${inLaptop} redis-cli -c -h ${lab.ingressHost} -p ${lab.seed.ingress.split(':')[1]} SET foo bar`,
      `                  (CLUSTER SLOTS answers with 198.18.0.x addresses the laptop cannot route to)`,
    );
  }
  if (lab.sentinelEntry !== undefined) {
    lines.push(
      `  sentinel entry: ${lab.sentinelEntry.ingress} -> ${lab.sentinelEntry.internal} (master name ${lab.masterName})` +
        (lab.sentinels[0]?.ingress === undefined
          ? ''
          : `   every node: ${lab.ingressHost}:${lab.sentinelPortRange}`),
      `    try:          ${inLaptop} redis-cli -h ${lab.ingressHost} -p ${lab.sentinelEntry.ingress.split(':')[1]}` +
        ` SENTINEL GET-MASTER-ADDR-BY-NAME ${lab.masterName}`,
    );
  }
  lines.push(
    `  run a client:   ${inLaptop} node your-script.js`,
    `  files: ${lab.dir}`,
    'Press Ctrl-C to stop.',
  );
  return `${lines.join('\n')}\n`;
}
