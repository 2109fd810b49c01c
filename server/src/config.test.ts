import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('defaults to embedded PGlite in ./data on port 3000', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.database.kind, 'pglite');
    assert.ok(config.database.kind === 'pglite' && config.database.dataDir.endsWith('/data'));
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(config));
  });
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', PORT: '8080' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/db' });
    assert.equal(config.port, 8080);
  });
  it('names the bad variable when the environment is invalid', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  });
  it('turns secure cookies on for an https public URL', () => {
    assert.equal(loadConfig({ FIREBREAK_PUBLIC_URL: 'https://firebreak.example.com' }).secureCookies, true);
  });
  it('keeps escalation minutes a minute long unless a test shortens them, within 5–60 s', () => {
    assert.equal(loadConfig({}).escalationMinuteSeconds, 60);
    assert.equal(loadConfig({ FIREBREAK_ESCALATION_MINUTE_SECONDS: '10' }).escalationMinuteSeconds, 10);
    for (const bad of ['0', '4', '61', '1.5', 'soon']) {
      assert.throws(
        () => loadConfig({ FIREBREAK_ESCALATION_MINUTE_SECONDS: bad }),
        /FIREBREAK_ESCALATION_MINUTE_SECONDS/,
      );
    }
  });
});
