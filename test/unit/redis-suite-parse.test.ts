import { describe, expect, it } from 'vitest';
import { parseRuntestOutput, runtestArgs } from '../../scripts/redis-suite-run.js';

describe('redis-suite: runtest output', () => {
  it('counts passes and failures per test name, strips colours, times and file names', () => {
    const output = [
      'Testing unit/type/list',
      '[\x1b[0;32;49mok\x1b[0m]: LPOS basic usage - quicklist (1 ms)',
      '[\x1b[0;32;49mok\x1b[0m]: LPOS basic usage - quicklist (0 ms)',
      '[\x1b[0;31;49merr\x1b[0m]: Script return recursive object in tests/unit/scripting.tcl',
      '[\x1b[0;33;49mskip\x1b[0m]: CLIENT REPLY ON: unset SKIP flag',
      '[ignore]: some test: tag excluded',
    ].join('\n');
    const result = parseRuntestOutput(output);
    expect(result.ok).toEqual({ 'LPOS basic usage - quicklist': 2 });
    expect(result.failed).toEqual({ 'Script return recursive object': 1 });
    expect(result.skipped).toBe(1);
    expect(result.aborted).toBeNull();
  });

  it('keeps the first [exception] line as the reason the unit stopped', () => {
    const result = parseRuntestOutput(
      '[ok]: a (1 ms)\n[exception]: Executing test client: I/O error reading reply.\n[exception]: later',
    );
    expect(result.ok).toEqual({ a: 1 });
    expect(result.aborted).toBe('[exception]: Executing test client: I/O error reading reply.');
  });

  it('runs one unit in external cluster mode without SYNC, skipping exact names', () => {
    const args = runtestArgs({ unit: 'type/set', port: 31000, suiteBase: 31010, skip: ['x y'] });
    expect(args.join(' ')).toContain('--host 127.0.0.1 --port 31000 --cluster-mode --tags -needs:repl');
    expect(args.join(' ')).toContain('--single unit/type/set');
    expect(args.slice(-2)).toEqual(['--skiptest', 'x y']);
  });
});
