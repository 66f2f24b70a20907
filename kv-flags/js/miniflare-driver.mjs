// Runs proof-worker.mjs under Miniflare (workerd) with a KV namespace bound as FLAGS, for kv-flags' WorkerProofTest.
// Bundles the Worker with esbuild (as wrangler does: Node's built-ins, which flagd-core's object-hash requires,
// come from workerd's nodejs_compat), listens on 127.0.0.1 at a free port, prints
// "ready http://127.0.0.1:<port>" on stdout, and stops when its standard input closes (or after 10 minutes).
import { build } from 'esbuild';
import { Log, LogLevel, Miniflare } from 'miniflare';

const here = new URL('.', import.meta.url).pathname;
// `require('crypto')` inside the bundle becomes a bundled module that re-exports workerd's node:crypto.
const nodeBuiltins = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(crypto)$/ }, (args) => ({ path: args.path, namespace: 'node-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `import * as m from 'node:${args.path}'; export default m; export * from 'node:${args.path}';`,
    }));
  },
};
const bundle = await build({
  entryPoints: [`${here}proof-worker.mjs`],
  plugins: [nodeBuiltins],
  external: ['node:*'],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  write: false,
  logLevel: 'silent',
});
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: '2026-01-01',
  compatibilityFlags: ['nodejs_compat'],
  cf: false,
  kvNamespaces: ['FLAGS'],
  host: '127.0.0.1',
  port: 0,
  log: new Log(LogLevel.WARN),
});
const url = await mf.ready;
process.stdout.write(`ready ${url.origin}\n`);

const stop = async () => {
  await mf.dispose();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
setTimeout(stop, 10 * 60 * 1000).unref();
