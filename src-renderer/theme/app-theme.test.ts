import { describe, expect, it } from 'vitest';
import { appThemeIds } from '../../src-shared/app-theme';
import { appThemeLabels, resolveAppTheme } from './app-theme';

describe('resolveAppTheme', () => {
  it('follows the OS for System and ignores it for an explicit choice', () => {
    expect(resolveAppTheme('system', true)).toBe('dark');
    expect(resolveAppTheme('system', false)).toBe('light');
    expect(resolveAppTheme('dark', false)).toBe('dark');
    expect(resolveAppTheme('light', true)).toBe('light');
  });

  it('names every choice', () => {
    expect(appThemeIds.map((id) => appThemeLabels[id])).toEqual(['System', 'Dark', 'Light']);
  });
});
