#!/usr/bin/env node
// Fails when the Drizzle schema and the committed migrations disagree: drizzle-kit generate, run against a
// copy of the migrations, must produce nothing new. Also runs drizzle-kit check (migration consistency).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const migrations = join(root, 'server/src/db/migrations');
// drizzle-kit wants a relative output folder, so the scratch copy lives inside the repository (git-ignored).
const tmp = join(root, '.drift-check');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp);
const out = join(tmp, 'migrations');
cpSync(migrations, out, { recursive: true });
const config = join(tmp, 'drizzle.config.mjs');
writeFileSync(
  config,
  `export default { dialect: 'postgresql', schema: './server/src/db/schema/index.ts', out: './.drift-check/migrations' };\n`,
);
const before = readdirSync(out).filter((f) => f.endsWith('.sql')).length;
const drizzleKit = join(root, 'node_modules/.bin/drizzle-kit');
const generate = spawnSync(drizzleKit, ['generate', '--config', config, '--name', 'drift'], {
  cwd: root,
  encoding: 'utf8',
});
const check = spawnSync(drizzleKit, ['check', '--config', config], { cwd: root, encoding: 'utf8' });
const after = readdirSync(out).filter((f) => f.endsWith('.sql')).length;
rmSync(tmp, { recursive: true, force: true });
if (generate.status !== 0 || check.status !== 0) {
  console.error(generate.stdout, generate.stderr, check.stdout, check.stderr);
  console.error('drizzle-kit failed; see above.');
  process.exit(1);
}
if (after !== before) {
  console.error(
    'Schema drift: server/src/db/schema differs from the committed migrations. Run `npm run db:generate -- --name <change>` and commit the new migration.',
  );
  process.exit(1);
}
console.log(`No schema drift (${before} migrations match the schema).`);
