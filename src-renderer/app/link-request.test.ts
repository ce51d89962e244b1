import { describe, expect, it } from 'vitest';
import { linkConfirmation } from './link-request';

describe('ssh:// link confirmation', () => {
  it('names user, host and port exactly', () => {
    const ask = linkConfirmation({ user: 'alice', host: 'db.example.com', port: 2222 });
    expect(ask.title).toBe('Connect to alice@db.example.com:2222?');
    expect(ask.body).toContain('db.example.com, port 2222, as alice');
    expect(ask.address).toBe('alice@db.example.com:2222');
  });

  it('says which port and user apply when the link gives none', () => {
    const ask = linkConfirmation({ host: '::1' });
    expect(ask.title).toBe('Connect to [::1]?');
    expect(ask.body).toContain('::1, port 22, as your own user name on this computer (as ssh does)');
  });
});
