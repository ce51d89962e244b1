// The keyword table: every keyword any OpenSSH client knows has a row, and a
// row's verdict names the keyword unless Warren takes the value as written.
import { describe, expect, it } from 'vitest';
import { knownKeywords } from '../ssh-config/keywords';
import { KEYWORD_SUPPORT, keywordSupport, keywordVerdict } from './keyword-support';

describe('keyword support table', () => {
  it('has a row for every keyword the config reader knows, and no row for a keyword it does not', () => {
    expect(knownKeywords().filter((k) => keywordSupport(k) === undefined)).toEqual([]);
    const known = new Set(knownKeywords());
    // UseKeychain is known only on macOS, where Apple's ssh reads it.
    expect(Object.keys(KEYWORD_SUPPORT).filter((name) => !known.has(name.toLowerCase()) && name !== 'UseKeychain')).toEqual([]);
  });

  it('names the keyword and its value, unless the value is what Warren does anyway', () => {
    expect(keywordVerdict('localcommand', ['echo a', 'echo b']).note).toBe('LocalCommand echo a, echo b: not supported: Warren does not run local commands');
    expect(keywordVerdict('sendenv', ['LANG', 'LC_*'])).toEqual({ note: null, blocks: null });
    expect(keywordVerdict('passwordauthentication', ['yes'])).toEqual({ note: null, blocks: null });
    expect(keywordVerdict('passwordauthentication', ['no']).note).toMatch(/^PasswordAuthentication no: not supported: /);
    expect(keywordVerdict('hostname', ['10.0.0.1'])).toEqual({ note: null, blocks: null });
    expect(keywordVerdict('protocol', ['2']).note).toBe('Protocol 2: deprecated; OpenSSH ignores it too');
    expect(keywordVerdict('gatewayports', ['yes']).note).toBeNull();
  });

  it('a value Warren cannot work with blocks the host, with the note as the reason', () => {
    const verdict = keywordVerdict('refuseconnection', ['yes']);
    expect(verdict.blocks).toBe(verdict.note);
    expect(verdict.blocks).toMatch(/^RefuseConnection yes: not supported: /);
    expect(keywordVerdict('proxyusefdpass', ['no'])).toEqual({ note: null, blocks: null });
  });
});
