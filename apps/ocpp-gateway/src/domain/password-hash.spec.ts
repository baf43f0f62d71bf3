import { hashPassword, verifyPassword } from './password-hash';

describe('station password hashing (security profile 1/2 Basic Auth, stored hashed)', () => {
  it('should verify the right password and refuse a wrong one', async () => {
    const stored = await hashPassword('demo-password-0001', 10);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$/);
    await expect(verifyPassword('demo-password-0001', stored)).resolves.toBe(true);
    await expect(verifyPassword(Buffer.from('demo-password-0001'), stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-password-0002', stored)).resolves.toBe(false);
  });

  it('should salt every hash', async () => {
    expect(await hashPassword('same', 10)).not.toBe(await hashPassword('same', 10));
  });

  it.each([['plain'], ['scrypt$10$8$1$'], ['md5$x$y$z$a$b']])(
    'should never match a malformed hash %p',
    async (stored) => {
      await expect(verifyPassword('plain', stored)).resolves.toBe(false);
    },
  );
});
