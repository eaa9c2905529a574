/**
 * deploy/ as the README describes it: two proxy replicas sharing the port table kept in the cluster, a
 * PodDisruptionBudget keeping one up, readiness on /readyz and liveness on /healthz of the metrics port
 * (both served without the metrics token: test/integration/proxy-stable-ports.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePortTableOption } from '../../src/proxy/index.js';

const read = (file: string) => readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8');

describe('deploy/ manifests', () => {
  const deployment = read('proxy-deployment.yaml');
  const configMap = read('proxy-configmap.yaml');

  it('runs two replicas, rolled one at a time, with the shared port table', () => {
    expect(deployment).toMatch(/^ {2}replicas: 2$/m);
    expect(deployment).toMatch(/maxUnavailable: 0/);
    expect(deployment).toMatch(/- --port-table\n\s+- \$\(PORT_TABLE\)/);
    const table = /^ {2}PORT_TABLE: (\S+)$/m.exec(configMap)?.[1] ?? '';
    expect(parsePortTableOption(table)).toEqual({ store: 'redis' });
  });

  it('probes readiness on /readyz and liveness on /healthz of the metrics port', () => {
    expect(deployment).toMatch(/readinessProbe:\n\s+httpGet:\n\s+path: \/readyz\n\s+port: metrics/);
    expect(deployment).toMatch(/livenessProbe:\n\s+httpGet:\n\s+path: \/healthz\n\s+port: metrics/);
    expect(deployment).toMatch(/- name: metrics\n\s+containerPort: 9100/);
    expect(configMap).toMatch(/METRICS_PORT: "9100"/);
  });

  it('has a PodDisruptionBudget keeping one replica, listed in the kustomization', () => {
    const pdb = read('proxy-pdb.yaml');
    expect(pdb).toMatch(/kind: PodDisruptionBudget/);
    expect(pdb).toMatch(/minAvailable: 1/);
    expect(pdb).toMatch(/app\.kubernetes\.io\/name: slotbridge-proxy/);
    expect(read('kustomization.yaml')).toMatch(/- proxy-pdb\.yaml/);
  });
});
