package io.github.workerskv.kv.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.workerskv.kv.BulkProgress;
import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.internal.AbstractKVNamespace;
import io.github.workerskv.kv.internal.BulkDeleteRequest;
import io.github.workerskv.kv.internal.BulkWriteRequest;
import io.github.workerskv.kv.internal.DeleteRequest;
import io.github.workerskv.kv.internal.ListRequest;
import io.github.workerskv.kv.internal.NamespaceSettings;
import io.github.workerskv.kv.internal.ReadRequest;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.WriteRequest;
import io.github.workerskv.kv.local.spi.StorageEngine;
import org.jspecify.annotations.Nullable;

/**
 * One namespace of the embedded store. The list cursor is the standard base64 of the last key
 * returned, as in Miniflare, and means "start after"; callers must treat it as opaque. Bulk writes and
 * deletes go to the engine in batches of {@value #BATCH}, each one atomic.
 */
final class LocalKVNamespace extends AbstractKVNamespace {

	/** Items per engine batch (one SQLite transaction) of a bulk call, and per progress report. */
	static final int BATCH = 1_000;

	private final StorageEngine engine;

	LocalKVNamespace(StorageEngine engine, NamespaceSettings settings) {
		super(settings);
		this.engine = engine;
	}

	@Override
	protected @Nullable StoredValue read(ReadRequest request) {
		return this.engine.get(id(), utf8(request.key()), nowSeconds(), request.preferStream());
	}

	@Override
	protected void write(WriteRequest request) {
		this.engine.put(id(), utf8(request.key()), request.value(), request.expiresAt(nowSeconds()),
				request.metadataJson());
	}

	@Override
	protected void remove(DeleteRequest request) {
		this.engine.delete(id(), utf8(request.key()));
	}

	@Override
	protected BulkResult writeMany(BulkWriteRequest request) {
		List<BulkWriteRequest.Item> items = request.items();
		long now = nowSeconds();
		BulkProgress progress = request.options().progress();
		for (int from = 0; from < items.size(); from += BATCH) {
			List<BulkWriteRequest.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
			List<StorageEngine.Write> writes = new ArrayList<>(batch.size());
			for (BulkWriteRequest.Item item : batch) {
				writes.add(new StorageEngine.Write(utf8(item.key()), item.write().bytes(), item.expiresAt(now),
						item.metadataJson()));
			}
			this.engine.putAll(id(), writes);
			progress.onProgress(from + batch.size(), items.size());
		}
		return BulkResult.complete(items.size());
	}

	@Override
	protected BulkResult removeMany(BulkDeleteRequest request) {
		List<String> keys = request.keys();
		BulkProgress progress = request.options().progress();
		for (int from = 0; from < keys.size(); from += BATCH) {
			List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
			this.engine.deleteAll(id(), batch.stream().map(LocalKVNamespace::utf8).toList());
			progress.onProgress(from + batch.size(), keys.size());
		}
		return BulkResult.complete(keys.size());
	}

	@Override
	protected ListResult listKeys(ListRequest request) {
		ListOptions options = request.options();
		byte[] prefix = (options.prefix() != null) ? utf8(options.prefix()) : new byte[0];
		byte[] startAfter = (options.cursor() != null) ? decodeCursor(options.cursor()) : null;
		List<StorageEngine.Entry> entries = this.engine.list(id(), prefix, startAfter, options.limit() + 1,
				nowSeconds());
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
		return "LocalKVNamespace[" + id() + "]";
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
