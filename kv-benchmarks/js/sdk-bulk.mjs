// A bulk load with the official `cloudflare` SDK as a user would write it: read a wrangler bulk JSON file
// (argv[2]) and send it with kv.namespaces.bulkUpdate in requests of 10,000 items (the API's limit; the SDK
// does not split), one after another. Environment as sdk-ops.mjs. Prints {"items":N,"requests":R}.
import Cloudflare from 'cloudflare';
import { readFileSync } from 'node:fs';

const account_id = process.env.KV_ACCOUNT;
const client = new Cloudflare({ apiToken: process.env.KV_TOKEN, baseURL: process.env.KV_BASE_URL, maxRetries: 2, timeout: 120_000 });
const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let requests = 0;
for (let from = 0; from < items.length; from += 10_000) {
  const result = await client.kv.namespaces.bulkUpdate(process.env.KV_NAMESPACE, { account_id, body: items.slice(from, from + 10_000) });
  if (result?.unsuccessful_keys?.length) {
    throw new Error(`${result.unsuccessful_keys.length} keys unsuccessful`);
  }
  requests++;
}
console.log(JSON.stringify({ items: items.length, requests }));
