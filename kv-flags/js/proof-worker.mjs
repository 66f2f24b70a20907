// A Worker of our own for kv-flags' Worker proof (WorkerProofTest), run under Miniflare by miniflare-driver.mjs.
//
// POST /evaluate reads the flag documents as the Workers KV docs' Worker does (the user's document, then the
// global one, then the defaults, each with `cacheTtl`) and evaluates each case with flags-worker.mjs, i.e. with
// @openfeature/flagd-core. PUT /kv/<key>?metadata=<json> stores a request body as it is, GET /kv/<key> answers the
// stored bytes as they are, GET /metadata/<key> their metadata.
import { chooseDocument, evaluateFlag } from './flags-worker.mjs';

const CACHE_TTL = 300;

// As the Workers KV docs' Worker reads them: the user's document first; when it exists (and the mode is replace)
// it is the answer, else the global document, else the built-in defaults.
async function chooseFor(env, { prefix, mode, defaults }, userId) {
  const user = userId ? await env.FLAGS.get(`${prefix}user:${userId}`, { type: 'json', cacheTtl: CACHE_TTL }) : null;
  if (user && mode !== 'merge') return user;
  const global = await env.FLAGS.get(`${prefix}global`, { type: 'json', cacheTtl: CACHE_TTL });
  return chooseDocument(user, global, defaults, mode);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/kv/')) {
      const key = decodeURIComponent(url.pathname.slice('/kv/'.length));
      if (request.method === 'PUT') {
        const metadata = url.searchParams.get('metadata');
        await env.FLAGS.put(key, await request.arrayBuffer(), metadata ? { metadata: JSON.parse(metadata) } : {});
        return new Response(null, { status: 204 });
      }
      const value = await env.FLAGS.get(key, { type: 'arrayBuffer' });
      return (value === null) ? new Response(null, { status: 404 }) : new Response(value);
    }
    if (url.pathname.startsWith('/metadata/')) {
      const key = decodeURIComponent(url.pathname.slice('/metadata/'.length));
      const { value, metadata } = await env.FLAGS.getWithMetadata(key, { type: 'arrayBuffer' });
      return (value === null) ? new Response(null, { status: 404 }) : Response.json(metadata);
    }
    if (url.pathname === '/evaluate' && request.method === 'POST') {
      // {prefix, mode, defaults, cases: [[userId, flag, type, defaultValue, context], ...]}: one read of each
      // user's documents per request, every case of that user evaluated on them.
      const input = await request.json();
      const answers = [];
      const documents = new Map();
      for (const [userId, flag, type, defaultValue, context] of input.cases) {
        if (!documents.has(userId)) documents.set(userId, await chooseFor(env, input, userId));
        const r = evaluateFlag(documents.get(userId), flag, type, defaultValue, context);
        answers.push([r.value ?? null, r.variant ?? null, r.reason ?? null, r.errorCode ?? null]);
      }
      return Response.json(answers);
    }
    return new Response('not found', { status: 404 });
  },
};
