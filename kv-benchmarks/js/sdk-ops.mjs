// GET and PUT of 1 KiB values through the official `cloudflare` SDK (pinned in package.json), against the
// REST API at KV_BASE_URL (…/client/v4) with KV_TOKEN, KV_ACCOUNT and namespace KV_NAMESPACE; KV_KEYS keys
// "k-0"… (already written for GET). Also "bulk": see sdk-bulk.mjs. Protocol: ops-loop.mjs.
import Cloudflare from 'cloudflare';
import { serve } from './ops-loop.mjs';

const account_id = process.env.KV_ACCOUNT;
const namespace_id = process.env.KV_NAMESPACE;
const keys = Number(process.env.KV_KEYS ?? 1000);
const value = 'v'.repeat(1024);
const client = new Cloudflare({ apiToken: process.env.KV_TOKEN, baseURL: process.env.KV_BASE_URL, maxRetries: 0, timeout: 60_000 });
const values = client.kv.namespaces.values;

await serve({
  get: async (i) => {
    const response = await values.get(`k-${i % keys}`, { account_id, namespace_id });
    const text = await response.text();
    if (text.length !== 1024) {
      throw new Error(`GET returned ${text.length} characters`);
    }
  },
  put: async (i) => {
    await values.update(`k-${i % keys}`, { account_id, namespace_id, value });
  },
});
