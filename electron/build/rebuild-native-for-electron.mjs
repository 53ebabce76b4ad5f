#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI into .native/electron-<version>/, beside (not over)
// the Node build in node_modules, so the CLI, `amelia serve` and the tests keep working while the desktop
// window loads its own copy. Packaged apps do not need this: electron-builder rebuilds for Electron.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const src = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(root, '.native', `build-electron-${electronVersion}`);
const out = join(root, '.native', `electron-${electronVersion}`);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(src, work, { recursive: true, filter: (p) => !p.startsWith(join(src, 'build')) });
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
const r = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
if (r.status !== 0) {
  console.error('The build failed: the desktop window cannot open the project database until it succeeds.');
  process.exit(1);
}
mkdirSync(out, { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'));
rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${join(out, 'better_sqlite3.node')}`);
process.exit(existsSync(join(out, 'better_sqlite3.node')) ? 0 : 1);
