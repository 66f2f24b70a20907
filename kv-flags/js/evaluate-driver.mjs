// Evaluates many (document, flag, context, time) cases with flagd-core for kv-flags' differential test.
// stdin: {"compiled": false, "documents": {"id": {...}}, "cases": [[docId, flagKey, type, defaultValue, context, nowMillis], ...]}
// stdout: [[value, variant, reason, errorCode], ...] in case order (null where absent).
import { readFileSync } from 'node:fs';
import { evaluateFlag } from './flags-worker.mjs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const realNow = Date.now;
const out = [];
for (const [docId, flagKey, type, defaultValue, context, nowMillis] of input.cases) {
  Date.now = () => nowMillis;
  const r = evaluateFlag(input.documents[docId], flagKey, type, defaultValue, context, { compiled: !!input.compiled });
  out.push([r.value ?? null, r.variant ?? null, r.reason ?? null, r.errorCode ?? null]);
}
Date.now = realNow;
process.stdout.write(JSON.stringify(out));
