/**
 * Spring Data repositories on Workers KV.
 *
 * <p>{@link io.github.workerskv.kv.spring.data.KVKeyValueAdapter} is a Spring Data KeyValue adapter over one
 * {@link io.github.workerskv.kv.KVNamespace}. An entity is stored under the key {@code <keyspace>:<id>} as
 * plain JSON (no type header), so a Worker reads it with {@code env.NS.get(key, "json")}. Its
 * {@link io.github.workerskv.kv.spring.data.Indexed} properties, and its logical expiry when it has a
 * {@link io.github.workerskv.kv.spring.data.TimeToLive}, live in the key's metadata:
 * <pre>
 * {"idx":{"email":"ada@example.com","age":36},"exp":1893456000123}
 * </pre>
 * {@code list} returns that metadata without reading values, so queries, counts and sorts on indexed
 * properties cost one list request per 1,000 keys of the keyspace and no value reads; criteria on other
 * properties read the candidates' values with bulk gets of 100 keys.
 *
 * <p>KV is eventually consistent and has no transactions and no compare-and-set: see
 * {@link io.github.workerskv.kv.spring.data.KVKeyValueAdapter} for what each operation costs and
 * guarantees.
 */
@NullMarked
package io.github.workerskv.kv.spring.data;

import org.jspecify.annotations.NullMarked;
