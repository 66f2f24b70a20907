// Drives kv-emulator with the official `cloudflare` npm SDK (pinned in package.json) and prints one
// JSON object with what every call returned, for SdkConformanceTest to check.
// Environment: KV_BASE_URL (…/client/v4), KV_TOKEN, KV_ACCOUNT.
import Cloudflare, { toFile } from 'cloudflare';

const account_id = process.env.KV_ACCOUNT;
const client = new Cloudflare({ apiToken: process.env.KV_TOKEN, baseURL: process.env.KV_BASE_URL, timeout: 60_000 });
const kv = client.kv.namespaces;
const out = {};

const failure = (e) => ({ name: e?.constructor?.name, status: e?.status, errors: e?.errors ?? null });
async function attempt(fn) {
  try {
    return { ok: await fn() };
  } catch (e) {
    return { error: failure(e) };
  }
}

// Namespaces: CRUD and auto-pagination (the SDK stops only at an empty page).
const created = [];
for (const title of ['sdk-a', 'sdk-b', 'sdk-c']) {
  created.push((await kv.create({ account_id, title })).id);
}
out.created = created;
out.duplicate = await attempt(() => kv.create({ account_id, title: 'sdk-a' }));
const titles = [];
for await (const ns of kv.list({ account_id, per_page: 2, order: 'title', direction: 'asc' })) {
  titles.push(ns.title);
}
out.titles = titles;
out.got = await kv.get(created[1], { account_id });
out.renamed = await kv.update(created[1], { account_id, title: 'sdk-b-renamed' });
out.deleted = await kv.delete(created[2], { account_id });
out.getDeleted = await attempt(() => kv.get(created[2], { account_id }));

// Values: multipart writes, raw reads, metadata.
const namespace_id = created[0];
await kv.values.update('plain', { account_id, namespace_id, value: 'plain value' });
await kv.values.update('with-meta', {
  account_id, namespace_id, value: 'meta value', metadata: JSON.stringify({ a: 1, nested: { b: 'x' } }), expiration_ttl: 300,
});
await kv.values.update('empty', { account_id, namespace_id, value: '' });
const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
await kv.values.update('binary', { account_id, namespace_id, value: await toFile(binary, 'bin.dat') });
out.flattenedMetadata = await attempt(() => kv.values.update('flattened', {
  account_id, namespace_id, value: 'v', metadata: { a: 1 },
}));
const response = await kv.values.get('with-meta', { account_id, namespace_id });
out.withMetaValue = await response.text();
out.withMetaExpiration = response.headers.get('expiration');
out.binaryBase64 = Buffer.from(await (await kv.values.get('binary', { account_id, namespace_id })).arrayBuffer()).toString('base64');
out.emptyValue = await (await kv.values.get('empty', { account_id, namespace_id })).text();
out.metadata = await kv.metadata.get('with-meta', { account_id, namespace_id });
out.metadataOfPlain = await kv.metadata.get('plain', { account_id, namespace_id });
out.missingValue = await attempt(() => kv.values.get('missing', { account_id, namespace_id }));
out.missingMetadata = await attempt(() => kv.metadata.get('missing', { account_id, namespace_id }));

// Keys the SDK leaves raw in the path ($ & + , ; = : @) and the ones it encodes.
const odd = ['plus+sign', 'what?x=1&y=2', "colon:at@bang!dollar$amp&quote'star*comma,semi;eq=", 'a/b/c', '%2F-literal',
  'my key', 'hash#frag', '100%percent', 'ünïcødé-ключ-😀', '...', 'a/../b'];
out.odd = {};
for (const key of odd) {
  await kv.values.update(key, { account_id, namespace_id, value: `v:${key}` });
  out.odd[key] = await (await kv.values.get(key, { account_id, namespace_id })).text();
}
await kv.values.delete('a/b/c', { account_id, namespace_id });
out.dotKey = await attempt(() => kv.values.update('.', { account_id, namespace_id, value: 'v' }));

// Retries: the test scripts a 429 and two 503s for these keys; the SDK must retry them away.
await kv.values.update('retry-me', { account_id, namespace_id, value: 'after retries' });
out.retried = await (await kv.values.get('retry-me', { account_id, namespace_id })).text();

// Bulk: the SDK sends everything in one request (no chunking).
const bulkNamespace = created[1];
const items = Array.from({ length: 10_000 }, (_, i) => ({ key: `bulk-${String(i).padStart(5, '0')}`, value: `v${i}` }));
items[0] = { key: 'bulk-00000', value: binary.toString('base64'), base64: true, metadata: { kind: 'binary' } };
items[1] = { key: 'bulk-00001', value: JSON.stringify({ n: 1 }), expiration_ttl: 600, metadata: { kind: 'json' } };
out.bulkUpdate = await kv.bulkUpdate(bulkNamespace, { account_id, body: items });
out.bulkBinaryBase64 = Buffer.from(
  await (await kv.values.get('bulk-00000', { account_id, namespace_id: bulkNamespace })).arrayBuffer()).toString('base64');
out.bulkUpdateTooMany = await attempt(() => kv.bulkUpdate(bulkNamespace, {
  account_id, body: [...items, { key: 'one-too-many', value: 'x' }],
}));
const names = [];
for await (const key of kv.keys.list(bulkNamespace, { account_id, prefix: 'bulk-', limit: 1000 })) {
  names.push(key.name);
}
out.listed = names.length;
out.listedInOrder = names.every((name, i) => i === 0 || names[i - 1] < name);
out.bulkGet = await kv.bulkGet(bulkNamespace, {
  account_id, keys: ['bulk-00001', 'missing'], type: 'json', withMetadata: true,
});
out.bulkGetText = await kv.bulkGet(bulkNamespace, { account_id, keys: ['bulk-00002', 'missing'] });
out.bulkGetTextWithMetadata = await kv.bulkGet(bulkNamespace, { account_id, keys: ['bulk-00002'], withMetadata: true });
out.bulkGetNotJson = await attempt(() => kv.bulkGet(bulkNamespace, { account_id, keys: ['bulk-00002'], type: 'json' }));
out.bulkDelete = await kv.bulkDelete(bulkNamespace, { account_id, body: items.slice(0, 9_990).map((item) => item.key) });

process.stdout.write(JSON.stringify(out));
