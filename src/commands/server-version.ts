/**
 * Server versions as the specs write them ("7.0.0") and as HELLO / INFO report them ("7.0.15").
 * Compared without allocating: this runs once per typed command sent.
 */

/** Negative when `a` < `b`, 0 when equal, positive when `a` > `b` (major.minor.patch; missing parts are 0). */
export function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (let part = 0; part < 3; part++) {
    let x = 0;
    let y = 0;
    while (i < a.length && a.charCodeAt(i) !== 46) x = x * 10 + (a.charCodeAt(i++) - 48);
    while (j < b.length && b.charCodeAt(j) !== 46) y = y * 10 + (b.charCodeAt(j++) - 48);
    i++;
    j++;
    if (x !== y) return x - y;
  }
  return 0;
}

/** `redis_version` from an INFO (server section) reply, or undefined. */
export function versionFromInfo(text: string): string | undefined {
  const match = /^redis_version:([0-9.]+)\s*$/m.exec(text);
  return match?.[1];
}
