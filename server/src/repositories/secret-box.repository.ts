// Encrypts source credentials at rest with AES-256-GCM. The key comes from FIREBREAK_SECRET_KEY; in embedded mode
// without one, a random key is generated once into `<data dir>/secret.key` (mode 0600) and read from there after.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { parseSecretKey } from '../config';

export class SecretKeyMissingError extends Error {
  constructor() {
    super(
      'Source credentials need an encryption key: set FIREBREAK_SECRET_KEY to 32 random bytes in base64 or hex ' +
        '(e.g. `openssl rand -base64 32`).',
    );
    this.name = 'SecretKeyMissingError';
  }
}

export class SecretBox {
  private key: Buffer | undefined;

  constructor(private readonly resolveKey: () => Buffer) {}

  private getKey(): Buffer {
    this.key ??= this.resolveKey();
    return this.key;
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh 12-byte IV per value. */
  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.getKey(), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.getKey(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** The key from configuration, else (embedded mode) the data directory's `secret.key`, created on first use. */
export function secretBoxFromConfig(config: Config): SecretBox {
  return new SecretBox(() => {
    if (config.secretKey) return config.secretKey;
    if (config.database.kind !== 'pglite') throw new SecretKeyMissingError();
    const dir = config.database.dataDir;
    const path = join(dir, 'secret.key');
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    const key = parseSecretKey(readFileSync(path, 'utf8').trim());
    if (!key) throw new Error(`${path} does not hold a 32-byte key in base64 or hex`);
    return key;
  });
}
