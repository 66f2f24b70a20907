// Miniflare (pinned in package.json) running a Worker that does the same KV call the REST API would:
// GET /<key> answers env.KV.get(key) (404 if missing), PUT /<key> does env.KV.put(key, body). KV_KEYS keys
// "k-0"… are written first, 1 KiB each. Prints {"url": "http://127.0.0.1:PORT/"} and serves until stdin ends.
import { Miniflare } from 'miniflare';
import { createInterface } from 'node:readline';

const keys = Number(process.env.KV_KEYS ?? 1000);
const mf = new Miniflare({
  modules: true,
  script: `export default {
    async fetch(request, env) {
      const key = decodeURIComponent(new URL(request.url).pathname.slice(1));
      if (request.method === 'PUT') {
        await env.KV.put(key, await request.arrayBuffer());
        return new Response('{"success":true}');
      }
      const value = await env.KV.get(key);
      return (value === null) ? new Response('not found', { status: 404 }) : new Response(value);
    },
  };`,
  kvNamespaces: ['KV'],
  host: '127.0.0.1',
  port: 0,
});
const url = await mf.ready;
const kv = await mf.getKVNamespace('KV');
const value = 'v'.repeat(1024);
for (let i = 0; i < keys; i++) {
  await kv.put(`k-${i}`, value);
}
console.log(JSON.stringify({ url: url.href }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'quit') {
    break;
  }
}
await mf.dispose();
