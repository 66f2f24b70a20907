// Evaluates kv-flags documents exactly as Spring's FeatureFlags does, for Workers and for kv-flags' tests.
//
//   const user = await env.FLAGS.get(`flags:user:${id}`, { type: 'json', cacheTtl: 300 });
//   const global = await env.FLAGS.get('flags:global', { type: 'json', cacheTtl: 300 });
//   const doc = chooseDocument(user, global, DEFAULT_FLAGS);          // or (..., 'merge')
//   const { value } = evaluateFlag(doc, 'new-checkout', 'boolean', false, { targetingKey: id, plan });
//
// Rules run in flagd-core's interpreter (disableDynamicCodeGeneration), the only way it runs in a Worker, where
// new Function is not allowed; kv-flags' RuleEvaluation.INTERPRETED (its default) answers like it. Pass
// { compiled: true } for flagd-core's default, compiled mode (Node.js), which RuleEvaluation.COMPILED answers like.
//
// A document is a JSON object of flag name to value. A value that is an object with a "variants" member is a
// flagd flag definition, evaluated by @openfeature/flagd-core; any other value is served as it is (reason
// STATIC). Members whose names start with "$" are not flags ("$evaluators" holds shared rules for "$ref").
import { FlagdCore } from '@openfeature/flagd-core';

const cores = { interpreted: new WeakMap(), compiled: new WeakMap() };

export function isDefinition(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'variants');
}

function coreFor(doc, compiled) {
  const cache = compiled ? cores.compiled : cores.interpreted;
  let core = cache.get(doc);
  if (!core) {
    const flags = {};
    for (const [name, value] of Object.entries(doc)) {
      if (!name.startsWith('$') && isDefinition(value)) flags[name] = value;
    }
    core = new FlagdCore(undefined, undefined, { disableDynamicCodeGeneration: !compiled });
    core.setConfigurations(JSON.stringify({ flags, $evaluators: doc.$evaluators ?? {} }));
    cache.set(doc, core);
  }
  return core;
}

// 'replace' (the default): the user's document, else the global one, else the defaults.
// 'merge': the global document with the user's flags (and evaluators) laid over it, flag by flag.
export function chooseDocument(userDoc, globalDoc, defaults = {}, mode = 'replace') {
  if (mode !== 'merge') return userDoc ?? globalDoc ?? defaults;
  if (!userDoc && !globalDoc) return defaults;
  return {
    ...(globalDoc ?? {}),
    ...(userDoc ?? {}),
    $evaluators: { ...(globalDoc?.$evaluators ?? {}), ...(userDoc?.$evaluators ?? {}) },
  };
}

// type is 'boolean', 'string', 'number' or 'object', as in flagd-core.
export function evaluateFlag(doc, flagKey, type, defaultValue, context = {}, { compiled = false } = {}) {
  const value = (!flagKey.startsWith('$') && Object.hasOwn(doc, flagKey)) ? doc[flagKey] : undefined;
  if (value === undefined) return { value: defaultValue, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
  if (value === null) return { value: defaultValue, reason: 'DEFAULT' };
  if (isDefinition(value)) {
    const r = coreFor(doc, compiled).resolve(type, flagKey, defaultValue, context);
    return { value: r.value, variant: r.variant, reason: r.reason, errorCode: r.errorCode };
  }
  if (typeof value !== type) return { value: defaultValue, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  return { value, reason: 'STATIC' };
}
