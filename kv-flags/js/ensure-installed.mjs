// Installs the pinned packages (npm ci: flagd-core, Miniflare, esbuild) unless node_modules already matches
// package-lock.json.
// Run by kv-flags' Maven build; a stamp in node_modules records the lock file it came from.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const lock = createHash('sha256').update(readFileSync(`${here}package-lock.json`)).digest('hex');
const stamp = `${here}node_modules/.kv-flags-lock.sha256`;

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock
    && existsSync(`${here}node_modules/@openfeature/flagd-core/package.json`)
    && existsSync(`${here}node_modules/miniflare/package.json`)) {
  console.log('kv-flags: node_modules is up to date with package-lock.json');
} else {
  console.log('kv-flags: npm ci (@openfeature/flagd-core, miniflare, esbuild)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, `${lock}\n`);
}
