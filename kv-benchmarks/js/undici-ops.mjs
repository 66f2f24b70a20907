// GET and PUT of 1 KiB values with undici (pinned in package.json), one keep-alive pool of 64 connections,
// against either the REST API (TARGET=rest: KV_BASE_URL …/client/v4, KV_TOKEN, KV_ACCOUNT, KV_NAMESPACE)
// or a Worker (TARGET=worker: KV_BASE_URL is the Worker's origin; it serves GET and PUT /<key> from its
// KV binding, see miniflare-server.mjs). KV_KEYS keys "k-0"… (already written for GET). Protocol: ops-loop.mjs.
import { Pool } from 'undici';
import { serve } from './ops-loop.mjs';

const base = new URL(process.env.KV_BASE_URL);
const keys = Number(process.env.KV_KEYS ?? 1000);
const rest = (process.env.TARGET ?? 'rest') === 'rest';
const prefix = rest
  ? `${base.pathname}/accounts/${process.env.KV_ACCOUNT}/storage/kv/namespaces/${process.env.KV_NAMESPACE}/values/`
  : '/';
const headers = rest ? { authorization: `Bearer ${process.env.KV_TOKEN}` } : {};
const pool = new Pool(base.origin, { connections: 64, pipelining: 1 });
const value = Buffer.from('v'.repeat(1024));

async function send(method, key, body) {
  const response = await pool.request({
    method,
    path: prefix + key,
    headers: body ? { ...headers, 'content-type': 'application/octet-stream' } : headers,
    body,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw new Error(`${method} ${key}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  }
  return text;
}

await serve({
  get: async (i) => {
    const text = await send('GET', `k-${i % keys}`);
    if (text.length !== 1024) {
      throw new Error(`GET returned ${text.length} characters`);
    }
  },
  put: async (i) => {
    await send('PUT', `k-${i % keys}`, value);
  },
});
