/**
 * `slotbridge doctor <url> [--expose host:ports] [--json] [--timeout ms]` [--health]: explains a broken setup.
 * Exit status 0 only when every seed and every announced node answers from here.
 */

import { parseArgs } from './args.js';
import { type DoctorNode, type DoctorReport, diagnose } from './doctor.js';
import { liveHealth } from './doctor-health.js';
import { UsageError } from './usage.js';

/** The flags this command accepts (README's command-line table is compared with it by a test). */
export const DOCTOR_OPTIONS = {
  expose: 'string',
  json: 'boolean',
  timeout: 'string',
  health: 'boolean',
} as const;

export async function runDoctorCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, DOCTOR_OPTIONS);
  const [url, ...rest] = args.positionals;
  if (url === undefined) {
    throw new UsageError(
      'doctor needs the URL your client uses, e.g. slotbridge doctor redis-cluster://localhost:30001',
    );
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const expose = args.options.get('expose');
  let exposeOption: { host: string; ports: string } | undefined;
  if (typeof expose === 'string') {
    const colon = expose.lastIndexOf(':');
    if (colon <= 0)
      throw new UsageError(`--expose takes host:ports, e.g. localhost:30001-30006 (got "${expose}")`);
    exposeOption = { host: expose.slice(0, colon), ports: expose.slice(colon + 1) };
  }
  const timeoutText = args.options.get('timeout');
  const timeout = typeof timeoutText === 'string' ? Number(timeoutText) : 2000;
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new UsageError('--timeout takes milliseconds, e.g. 2000');

  const report = await diagnose(url, { timeout, ...(exposeOption ? { expose: exposeOption } : {}) });
  const live = report.ok && args.options.has('health') ? await liveHealth(url, timeout) : undefined;
  if (args.options.has('json')) {
    const output = live === undefined ? report : { ...report, health: live.health };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(renderReport(report, process.stdout.isTTY === true));
    if (live !== undefined) process.stdout.write(`\n${live.lines.join('\n')}\n`);
  }
  return report.ok ? 0 : 1;
}

/** The report as a terminal table; colours only when writing to a terminal. */
export function renderReport(report: DoctorReport, colour: boolean): string {
  const green = (text: string) => (colour ? `\x1b[32m${text}\x1b[0m` : text);
  const red = (text: string) => (colour ? `\x1b[31m${text}\x1b[0m` : text);
  const bold = (text: string) => (colour ? `\x1b[1m${text}\x1b[0m` : text);
  const lines: string[] = [bold(`slotbridge doctor: ${report.kind}`), ''];
  lines.push('Configured hosts:');
  for (const seed of report.seeds) {
    lines.push(
      `  ${seed.address}  ${seed.reachable ? green(`reachable (${seed.latencyMs} ms)`) : red(`NOT reachable: ${seed.error}`)}`,
    );
  }
  if (report.nodes.length > 0) {
    lines.push('', 'Nodes as the servers announce them:');
    const header = ['role', 'id', 'slots', 'announced', 'connect to', 'from here'];
    const rows = report.nodes.map((node) => [
      node.role,
      node.id ? node.id.slice(0, 12) : '-',
      node.slots ?? '',
      node.announced + (node.hostname ? ` (${node.hostname})` : ''),
      node.target === node.announced ? '(as announced)' : node.target,
      status(node),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const format = (cells: string[]) =>
      `  ${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd();
    lines.push(format(header));
    for (let i = 0; i < rows.length; i++) {
      const text = format(rows[i]);
      lines.push(report.nodes[i].reachable ? text : red(text));
    }
  }
  lines.push('', 'Findings:');
  for (const finding of report.findings) lines.push(`  ${finding}`);
  if (report.suggestedAddresses) {
    lines.push('', 'Fix for slotbridge clients (paste into createClient options):');
    lines.push(`  addresses: ${JSON.stringify(report.suggestedAddresses)}`);
  }
  if (report.proxyCommand) {
    lines.push('', 'Fix for any client (redis-cli -c, ioredis, node-redis): run next to the servers');
    lines.push(`  ${report.proxyCommand}`);
  }
  lines.push('', report.ok ? green('OK: everything is reachable.') : red('NOT OK: see the findings above.'));
  return `${lines.join('\n')}\n`;
}

function status(node: DoctorNode): string {
  if (node.reachable) return `ok ${node.latencyMs} ms`;
  const code = node.error?.split(':')[0] ?? 'error';
  return node.exposedAs ? `${code}; exposed as ${node.exposedAs}` : code;
}
