package io.github.workerskv.kv.spring.cache;

import org.jspecify.annotations.Nullable;

/** No near cache: every read goes to KV. */
enum NoNearCache implements NearCache {

	INSTANCE;

	@Override
	public @Nullable Object get(Object key) {
		return null;
	}

	@Override
	public void put(Object key, Object storeValue, long expiresAtMillis) {
	}

	@Override
	public boolean remove(Object key) {
		return false;
	}

	@Override
	public void clear() {
	}

	@Override
	public void cleanUp() {
	}

	@Override
	public long size() {
		return 0;
	}

}
