import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config';
import { SecretKeyMissingError, secretBoxFromConfig } from './secret-box.repository';

describe('source credential encryption', () => {
  it('seals with AES-256-GCM under the configured key, and detects tampering', () => {
    const key = Buffer.alloc(32, 3);
    const box = secretBoxFromConfig(loadConfig({ FIREBREAK_SECRET_KEY: key.toString('hex') }));
    const sealed = box.seal('{"token":"s3cret"}');
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.doesNotMatch(sealed, /s3cret/);
    assert.notEqual(box.seal('{"token":"s3cret"}'), sealed, 'a fresh IV every time');
    assert.equal(box.open(sealed), '{"token":"s3cret"}');
    const other = secretBoxFromConfig(
      loadConfig({ FIREBREAK_SECRET_KEY: Buffer.alloc(32, 4).toString('base64') }),
    );
    assert.throws(() => other.open(sealed));
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => box.open(parts.join('.')));
  });

  it('refuses a key that is not 32 bytes', () => {
    assert.throws(() => loadConfig({ FIREBREAK_SECRET_KEY: 'short' }), ConfigError);
    assert.throws(
      () => loadConfig({ FIREBREAK_SECRET_KEY: Buffer.alloc(16).toString('base64') }),
      ConfigError,
    );
  });

  it('generates a key into the data directory in embedded mode, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-secret-'));
    const config = loadConfig({ FIREBREAK_DATA_DIR: dir });
    const sealed = secretBoxFromConfig(config).seal('x');
    const keyFile = join(dir, 'secret.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const written = readFileSync(keyFile, 'utf8');
    assert.equal(secretBoxFromConfig(config).open(sealed), 'x', 'a second start reads the same key');
    assert.equal(readFileSync(keyFile, 'utf8'), written);
  });

  it('needs a configured key with PostgreSQL', () => {
    const box = secretBoxFromConfig(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }));
    assert.throws(() => box.seal('x'), SecretKeyMissingError);
  });
});
