import { describe, expect, it } from 'vitest';
import { copyName } from './copy-name';

describe('copyName', () => {
  it('adds "(copy)", then numbers the copies whose name is taken', () => {
    expect(copyName('web', ['web'])).toBe('web (copy)');
    expect(copyName('web', ['web', 'web (copy)', 'web (copy 2)'])).toBe('web (copy 3)');
  });
});
