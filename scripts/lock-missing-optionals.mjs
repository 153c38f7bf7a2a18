// Adds lock entries for optional platform packages (other OSes' binaries) that a registry does
// not serve: npm then writes a lock file without them and `npm ci` refuses it as out of sync.
// npm skips such packages on a platform they do not match; the entries only record them.
// Run after `npm install` changes package-lock.json: `node scripts/lock-missing-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform = (name) => {
  const os = ['darwin', 'win32', 'windows', 'linux', 'android', 'freebsd', 'openbsd', 'sunos', 'aix', 'wasm32'].find((o) => name.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'wasm32'].find((c) => name.includes(c));
  const entry = {};
  if (os && os !== 'wasm32') entry.os = [os === 'windows' ? 'win32' : os];
  if (cpu && cpu !== 'wasm32') entry.cpu = [cpu];
  if (os === 'wasm32' || cpu === 'wasm32') entry.cpu = ['wasm32'];
  return entry;
};
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) continue;
    const version = String(range).replace(/^[\^~=]/, '');
    lock.packages[`node_modules/${name}`] = { version, dev: pkg.dev, optional: true, ...platform(name) };
    if (!lock.packages[`node_modules/${name}`].dev) delete lock.packages[`node_modules/${name}`].dev;
    added++;
    console.log(`added ${name}@${version}`);
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} entries added`);
