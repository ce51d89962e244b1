import { describe, expect, it } from 'vitest';
import { testServices } from '../../test-support/services';
import { createRouter } from './router';
import { requestNames } from '../../src-shared/contract';

function router() {
  return createRouter(testServices().services.handlers);
}
const ctx = { clientId: 'c1' };

describe('router', () => {
  it('has a handler for every request in the contract', () => {
    const r = router();
    return Promise.all(
      requestNames.map(async (name) => {
        const result = await r.call(name, {}, ctx);
        // Each request either succeeds on {} or is refused by its schema — never "unknown".
        if (!result.ok) expect(result.error.code).not.toBe('unknown-request');
      }),
    );
  });

  it('refuses unknown requests and prototype keys', async () => {
    const r = router();
    for (const name of ['hosts:nope', '__proto__', 'constructor', 'toString', 42]) {
      expect(await r.call(name, {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    }
  });

  it('validates input at the boundary and says which field is wrong', async () => {
    const r = router();
    const bad = await r.call('hosts:save', { name: 'x', host: 'a b', port: 70000, username: '', auth: { type: 'key', keyPath: '/k' }, folderId: null }, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-input');
      expect(bad.error.message).toMatch(/host: host must be a name or address/);
      expect(bad.error.message).toMatch(/port:/);
      expect(bad.error.message).toMatch(/username: user is required/);
    }
    expect(await r.call('hosts:list', { extra: 1 }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await r.call('session:write', { sessionId: '../x', data: 'ls' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('returns service errors as codes and sentences', async () => {
    const r = router();
    expect(await r.call('hosts:remove', { id: 'missing' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await r.call('session:write', { sessionId: 'missing', data: 'ls' }, ctx)).toMatchObject({ ok: false, error: { code: 'session-gone' } });
  });
});
