import { describe, expect, it } from 'vitest';
import { loginFromConfig } from './login-options';

const config = (options: Record<string, string>) => (keyword: string) => options[keyword];

describe('loginFromConfig', () => {
  it('keeps the methods Warren has, in order, and notes the others', () => {
    expect(loginFromConfig(config({ preferredauthentications: 'gssapi-with-mic,publickey,password', connecttimeout: '10' }))).toEqual({
      preferredAuthentications: ['publickey', 'password'],
      connectTimeoutSec: 10,
      notes: ['PreferredAuthentications gssapi-with-mic,publickey,password: Warren has no gssapi-with-mic and tries the others in this order'],
    });
  });
  it('ConnectTimeout none is the default without a note; 0 or huge are noted', () => {
    expect(loginFromConfig(config({ connecttimeout: 'none' }))).toEqual({ preferredAuthentications: [], connectTimeoutSec: null, notes: [] });
    expect(loginFromConfig(config({ connecttimeout: '0' })).notes).toEqual(['ConnectTimeout 0: Warren takes 1 to 3600 seconds, so its default limit applies']);
    expect(loginFromConfig(config({ preferredauthentications: 'hostbased' })).notes).toEqual(['PreferredAuthentications hostbased: Warren has none of these methods, so it tries its own order']);
  });
});
