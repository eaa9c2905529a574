/**
 * The ingress: TCP forwarder processes (tcp-forwarder.ts) running inside the ingress namespace,
 * each listening on 198.19.0.1:<port> and forwarding to an internal `host:port`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type LabProcess, readLogTail, spawnLabProcess } from '../process.js';
import { hostPort, INGRESS_ADDRESS } from './address-plan.js';
import { IP_BINARY, netnsExecArgs } from './netns.js';
import { forwarderScriptPath, nodeCommandFor } from './node-runner.js';
import { GiveUpWaiting, waitFor } from './wait.js';

/** What one ingress port leads to. */
export interface IngressRoute {
  /** `host:port` inside the cluster network. */
  readonly internal: string;
  /** `198.19.0.1:port`, reachable from the laptop. */
  readonly ingress: string;
  readonly ingressPort: number;
}

/** Builds a route for `internal` on ingress port `ingressPort`. */
export function route(internal: string, ingressPort: number): IngressRoute {
  return { internal, ingress: hostPort(INGRESS_ADDRESS, ingressPort), ingressPort };
}

let forwarderCount = 0;

/** Starts one forwarder process for `routes` inside `ns` and waits until all its ports listen. */
export async function startForwarder(
  ns: string,
  dir: string,
  routes: readonly IngressRoute[],
  timeoutMs: number,
): Promise<LabProcess> {
  forwarderCount += 1;
  const logFile = path.join(dir, `forwarder-${forwarderCount}.log`);
  await writeFile(logFile, '');
  const rules = routes.map((r) => `${r.ingress}=${r.internal}`);
  const node = nodeCommandFor(forwarderScriptPath(), ['--log', logFile, ...rules]);
  const child = spawnLabProcess(IP_BINARY, netnsExecArgs(ns, node.command, node.args), dir);
  try {
    await waitFor(
      `the ingress forwarder (${logFile}) to listen`,
      async () => {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        if (/^error /m.test(log) || child.exited) {
          throw new GiveUpWaiting(`the ingress forwarder failed:\n${readLogTail(logFile, 20)}`);
        }
        return /^ready /m.test(log) ? true : undefined;
      },
      timeoutMs,
      50,
    );
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}
