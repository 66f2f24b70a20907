package io.github.workerskv.kv.spring.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import org.jspecify.annotations.Nullable;

/**
 * The live keys of one keyspace in KV's order, one {@code list} request per page of up to 1,000 keys,
 * fetched only as they are consumed. Keys past their logical expiry ({@code exp} in the metadata) are
 * left out.
 */
final class KeyspaceScan implements Iterator<Row> {

	private final KVNamespace namespace;

	private final String prefix;

	private final long nowMillis;

	private final QueryStats stats;

	private final Deque<Row> buffer = new ArrayDeque<>();

	private @Nullable String cursor;

	private boolean complete;

	/**
	 * @param namespace the namespace
	 * @param prefix the keyspace's prefix
	 * @param startCursor a cursor to start from (one this keyspace's listing returned), or {@code null}
	 * @param nowMillis the time against which logical expiry is decided
	 * @param stats where list requests are counted
	 */
	KeyspaceScan(KVNamespace namespace, String prefix, @Nullable String startCursor, long nowMillis,
			QueryStats stats) {
		this.namespace = namespace;
		this.prefix = prefix;
		this.cursor = startCursor;
		this.nowMillis = nowMillis;
		this.stats = stats;
	}

	@Override
	public boolean hasNext() {
		while (this.buffer.isEmpty() && !this.complete) {
			String pageCursor = this.cursor;
			ListResult page = this.namespace.list(ListOptions.defaults().withPrefix(this.prefix).withCursor(pageCursor));
			this.stats.listed(page.keys().size());
			for (KVKey key : page.keys()) {
				if (!isExpired(key)) {
					this.buffer.add(new Row(key.name(), key.metadata(), pageCursor));
				}
			}
			this.complete = page.listComplete() || page.cursor() == null;
			this.cursor = page.cursor();
		}
		return !this.buffer.isEmpty();
	}

	@Override
	public Row next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.buffer.removeFirst();
	}

	private boolean isExpired(KVKey key) {
		Long expiresAt = EntityCodec.expiresAt(key.metadata());
		return expiresAt != null && this.nowMillis >= expiresAt;
	}

}
