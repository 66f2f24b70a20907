// Installs the pinned clients (npm ci) unless node_modules already matches package-lock.json.
// Run by kv-benchmarks's Maven build; a stamp in node_modules records the lock file it came from.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const lock = createHash('sha256').update(readFileSync(`${here}package-lock.json`)).digest('hex');
const stamp = `${here}node_modules/.kv-benchmarks-lock.sha256`;

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lock && existsSync(`${here}node_modules/.bin/wrangler`)) {
  console.log('kv-benchmarks: node_modules is up to date with package-lock.json');
} else {
  console.log('kv-benchmarks: npm ci (wrangler, cloudflare SDK, Miniflare, undici)');
  // --ignore-scripts: the KV commands need none of the postinstall downloads (workerd, esbuild, sharp).
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, `${lock}\n`);
}
