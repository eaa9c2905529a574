/**
 * Run as an unprivileged user by the kube lab tests: prints the error startKubeLab rejects with,
 * as JSON `{ name, code, reason }`.
 */
import { LabUnavailableError, startKubeLab } from '../../../src/lab/kube/index.js';

try {
  const lab = await startKubeLab();
  await lab.stop();
  process.stdout.write(`${JSON.stringify({ name: 'none' })}\n`);
} catch (error) {
  const reason = error instanceof LabUnavailableError ? error.reason : String(error);
  process.stdout.write(
    `${JSON.stringify({ name: (error as Error).name, code: (error as { code?: string }).code, reason })}\n`,
  );
}
