package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import org.jspecify.annotations.Nullable;

/** The {@link KVCacheWriter} over a {@link KVNamespace}; a clear lists by prefix and deletes page by page in bulk. */
final class DefaultKVCacheWriter implements KVCacheWriter {

	private final KVNamespace namespace;

	DefaultKVCacheWriter(KVNamespace namespace) {
		this.namespace = Objects.requireNonNull(namespace, "namespace must not be null");
	}

	@Override
	public byte @Nullable [] get(String key) {
		return this.namespace.get(key, ValueType.bytes(), GetOptions.defaults());
	}

	@Override
	public CompletableFuture<byte @Nullable []> getAsync(String key) {
		return this.namespace.getAsync(key, ValueType.bytes(), GetOptions.defaults());
	}

	@Override
	public void put(String key, byte[] value, Duration ttl) {
		this.namespace.put(key, value, options(ttl));
	}

	@Override
	public CompletableFuture<Void> putAsync(String key, byte[] value, Duration ttl) {
		return this.namespace.putAsync(key, value, options(ttl));
	}

	@Override
	public void delete(String key) {
		this.namespace.delete(key);
	}

	@Override
	public long clear(String prefix) {
		if (prefix.isEmpty()) {
			throw new IllegalArgumentException("A clear needs a non-empty prefix; it would delete the whole namespace");
		}
		ListOptions options = ListOptions.defaults().withPrefix(prefix);
		long deleted = 0;
		while (true) {
			ListResult page = this.namespace.list(options);
			List<String> keys = new ArrayList<>(page.keys().size());
			for (KVKey key : page.keys()) {
				keys.add(key.name());
			}
			deleted += delete(keys);
			if (page.listComplete() || page.cursor() == null) {
				return deleted;
			}
			options = options.withCursor(page.cursor());
		}
	}

	private long delete(List<String> keys) {
		if (keys.isEmpty()) {
			return 0;
		}
		return keys.size() - this.namespace.bulkDelete(keys).unsuccessfulKeys().size();
	}

	private static PutOptions options(Duration ttl) {
		if (ttl.isZero()) {
			return PutOptions.none();
		}
		return PutOptions.none().withExpirationTtl(expirationTtlSeconds(ttl));
	}

	static long expirationTtlSeconds(Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("A KV expiration needs a positive time to live (was " + ttl + ")");
		}
		long seconds = ttl.getSeconds() + ((ttl.getNano() > 0) ? 1 : 0);
		return Math.max(seconds, KVLimits.MIN_EXPIRATION_TTL_SECONDS);
	}

	@Override
	public String toString() {
		return "KVCacheWriter[" + this.namespace + "]";
	}

}
