package io.github.workerskv.kv.autoconfigure.configdata;

import org.springframework.boot.origin.Origin;

/**
 * Where a property imported from a prefix came from: one key of a binding's namespace. Shown by the actuator's
 * {@code env} endpoint and in binding failures.
 *
 * @param binding the binding name
 * @param key the key
 */
record KVKeyOrigin(String binding, String key) implements Origin {

	@Override
	public String toString() {
		return "KV key '" + this.key + "' of binding '" + this.binding + "'";
	}

}
