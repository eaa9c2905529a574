/**
 * A directory not even root may write to (chattr +i: EPERM on create, rename, unlink), the closest a
 * root test process gets to a read-only ConfigMap mount. Filesystems without the flag (tmpfs) say why.
 */
import { execFileSync } from 'node:child_process';

/** Makes `dir` immutable; returns why it could not, or undefined once it is. */
export function makeImmutable(dir: string): string | undefined {
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `chattr +i ${dir} failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Undoes {@link makeImmutable}. */
export function makeMutable(dir: string): void {
  execFileSync('chattr', ['-i', dir], { stdio: 'pipe' });
}
