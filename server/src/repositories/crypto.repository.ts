import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const params = { N: 16384, r: 8, p: 1 } as const;

/** Wraps every use of randomness and hashing, so services stay pure of node:crypto. */
export class CryptoRepository {
  async hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, { ...params, maxmem: 64 * 1024 * 1024 });
    return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
  }

  async verifyPassword(password: string, stored: string | null): Promise<boolean> {
    // Hash even when there is no stored hash, so timing does not reveal which emails exist.
    const [scheme, n, r, p, saltText, hashText] = (
      stored ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$'
    ).split('$');
    if (scheme !== 'scrypt' || !saltText || hashText === undefined) return false;
    const expected = Buffer.from(hashText, 'base64url');
    const actual = await scrypt(password, Buffer.from(saltText, 'base64url'), 32, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
    return stored !== null && expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** A random secret with a recognisable prefix (`fbs_` session, `fbt_` API token, `fbi_` invite…). */
  randomToken(prefix: string, bytes = 32): string {
    return `${prefix}${randomBytes(bytes).toString('base64url')}`;
  }

  /** A random password made of words-free base64url characters, long enough to need no policy. */
  randomPassword(): string {
    return randomBytes(18).toString('base64url');
  }

  /** A Standard Webhooks signing secret: `whsec_` and standard base64 of random bytes (not base64url). */
  randomWebhookSecret(bytes = 32): string {
    return `whsec_${randomBytes(bytes).toString('base64')}`;
  }

  sha256(value: string): string {
    return createHash('sha256').update(value).digest('hex');
  }
}
