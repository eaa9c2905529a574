import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/client/normalize-config.js';
import { ConfigError } from '../../src/errors.js';

describe('maxPending / pendingOverflow validation', () => {
  it('accepts a positive integer and the two modes', () => {
    const config = normalizeConfig({ maxPending: 5, pendingOverflow: 'wait' });
    expect(config.maxPending).toBe(5);
    expect(config.pendingOverflow).toBe('wait');
  });

  it('rejects 0, fractions and unknown modes with the field named', () => {
    for (const bad of [{ maxPending: 0 }, { maxPending: 1.5 }, { pendingOverflow: 'drop' }]) {
      let caught: unknown;
      try {
        normalizeConfig(bad as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).field).toBe(Object.keys(bad)[0]);
    }
  });
});
