import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../../../electron/engine/auth/passwords';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    const cheap = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('same password', cheap)).not.toBe(await hashPassword('same password', cheap));
  });

  it('keeps the cost in the hash, so hashes made at another cost still verify', async () => {
    const h = await hashPassword('an older password', { N: 1024, r: 8, p: 1 });
    expect(h.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', h)).toBe(true);
  });

  it('never matches a malformed or absurdly costly hash', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$1$2$3',
      'bcrypt$x$y$z$a$b',
      'scrypt$99999999$8$1$AAAA$AAAA',
      'scrypt$1024$8$1$AAAA$short',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('asks for passwords of a sensible length', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('long enough now')).toBeNull();
  });
});
