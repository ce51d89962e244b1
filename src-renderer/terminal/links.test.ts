import { describe, expect, it } from 'vitest';
import { openableUrl } from './links';

describe('openableUrl', () => {
  it('opens http and https only, normalised', () => {
    expect(openableUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(openableUrl('HTTP://Example.com')).toBe('http://example.com/');
    for (const uri of ['file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'ssh://host', 'not a url', '']) expect(openableUrl(uri)).toBeNull();
  });
});
