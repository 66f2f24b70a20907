package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.KVStorageException;
import org.jspecify.annotations.Nullable;

/** A {@link KVCacheWriter} that passes calls on until a test declares KV down, then fails every call. */
final class OutageWriter implements KVCacheWriter {

	private final KVCacheWriter delegate;

	private volatile boolean down;

	OutageWriter(KVCacheWriter delegate) {
		this.delegate = delegate;
	}

	void down(boolean down) {
		this.down = down;
	}

	private void check() {
		if (this.down) {
			throw new KVStorageException("KV is down (test outage)", null);
		}
	}

	@Override
	public byte @Nullable [] get(String key) {
		check();
		return this.delegate.get(key);
	}

	@Override
	public CompletableFuture<byte @Nullable []> getAsync(String key) {
		return this.down ? CompletableFuture.failedFuture(new KVStorageException("KV is down (test outage)", null))
				: this.delegate.getAsync(key);
	}

	@Override
	public void put(String key, byte[] value, Duration ttl) {
		check();
		this.delegate.put(key, value, ttl);
	}

	@Override
	public CompletableFuture<Void> putAsync(String key, byte[] value, Duration ttl) {
		return this.down ? CompletableFuture.failedFuture(new KVStorageException("KV is down (test outage)", null))
				: this.delegate.putAsync(key, value, ttl);
	}

	@Override
	public void delete(String key) {
		check();
		this.delegate.delete(key);
	}

	@Override
	public long clear(String prefix) {
		check();
		return this.delegate.clear(prefix);
	}

}
