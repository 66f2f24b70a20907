package io.github.workerskv.kv.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.internal.AbstractKVNamespace;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import io.github.workerskv.kv.local.spi.StorageEngine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One namespace of the embedded store. The list cursor is the standard base64 of the last key
 * returned, as in Miniflare, and means "start after"; callers must treat it as opaque.
 */
final class LocalKVNamespace extends AbstractKVNamespace {

	private final StorageEngine engine;

	private final String id;

	LocalKVNamespace(StorageEngine engine, String id, JsonMapper jsonMapper, Clock clock) {
		super(jsonMapper, clock, Runnable::run);
		this.engine = engine;
		this.id = id;
	}

	@Override
	protected @Nullable StoredValue read(String key, boolean withMetadata, boolean preferStream) {
		return this.engine.get(this.id, utf8(key), nowSeconds(), preferStream);
	}

	@Override
	protected void write(String key, ValueSource value, @Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable String metadataJson) {
		Long absolute = (expirationTtl != null) ? Long.valueOf(nowSeconds() + expirationTtl) : expiration;
		this.engine.put(this.id, utf8(key), value, absolute, metadataJson);
	}

	@Override
	protected void remove(String key) {
		this.engine.delete(this.id, utf8(key));
	}

	@Override
	protected ListResult listKeys(ListOptions options) {
		byte[] prefix = (options.prefix() != null) ? utf8(options.prefix()) : new byte[0];
		byte[] startAfter = (options.cursor() != null) ? decodeCursor(options.cursor()) : null;
		List<StorageEngine.Entry> entries = this.engine.list(this.id, prefix, startAfter, options.limit() + 1, nowSeconds());
		boolean complete = entries.size() <= options.limit();
		List<KVKey> keys = new ArrayList<>(Math.min(entries.size(), options.limit()));
		for (StorageEngine.Entry entry : entries.subList(0, Math.min(entries.size(), options.limit()))) {
			keys.add(new KVKey(new String(entry.key(), StandardCharsets.UTF_8), entry.expiration(),
					parseMetadata(entry.metadataJson())));
		}
		String cursor = complete ? null : Base64.getEncoder().encodeToString(entries.get(options.limit() - 1).key());
		return new ListResult(keys, complete, cursor);
	}

	@Override
	public String toString() {
		return "LocalKVNamespace[" + this.id + "]";
	}

	private long nowSeconds() {
		return clock().instant().getEpochSecond();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] decodeCursor(String cursor) {
		try {
			return Base64.getDecoder().decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidListOptionsException(400, "Invalid cursor '" + cursor
					+ "'. Pass the cursor of the previous ListResult unchanged, or none to start over.");
		}
	}

}
