package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link FeatureFlagsAdmin} over one namespace. */
final class DefaultFeatureFlagsAdmin implements FeatureFlagsAdmin {

	private static final Logger logger = LoggerFactory.getLogger(DefaultFeatureFlagsAdmin.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final KVNamespace namespace;

	private final FeatureFlagsOptions options;

	private final Map<String, Instant> lastWrites = new ConcurrentHashMap<>();

	private final AtomicInteger sequence = new AtomicInteger();

	DefaultFeatureFlagsAdmin(KVNamespace namespace, FeatureFlagsOptions options) {
		this.namespace = namespace;
		this.options = options;
		if (options.auditPrefix().startsWith(options.keyPrefix()) && !options.keyPrefix().isEmpty()
				&& options.auditPrefix().startsWith(options.userKey(""))) {
			throw new InvalidOptionException("auditPrefix", options.auditPrefix(), "auditPrefix '"
					+ options.auditPrefix() + "' must not lie under the user documents' prefix '" + options.userKey("")
					+ "'");
		}
	}

	@Override
	public StoredFlagDocument global() {
		return read(this.options.globalKey());
	}

	@Override
	public StoredFlagDocument user(String userId) {
		return read(userKey(userId));
	}

	@Override
	public DocumentMetadata setFlag(String flag, @Nullable JsonNode value, FlagChange change) {
		return update(this.options.globalKey(), (document) -> put(document, flag, value), change);
	}

	@Override
	public DocumentMetadata setDocument(JsonNode document, FlagChange change) {
		return update(this.options.globalKey(), (current) -> document, change);
	}

	@Override
	public DocumentMetadata setUserFlag(String userId, String flag, @Nullable JsonNode value, FlagChange change) {
		return update(userKey(userId), (document) -> put(document, flag, value), change);
	}

	@Override
	public DocumentMetadata setUserDocument(String userId, JsonNode document, FlagChange change) {
		return update(userKey(userId), (current) -> document, change);
	}

	@Override
	public void validate(JsonNode document) {
		List<String> problems = FlagDocumentValidator.problems(document, document.toString());
		if (!problems.isEmpty()) {
			throw new FlagDocumentInvalidException("(document)", problems);
		}
	}

	private String userKey(String userId) {
		if (userId.isEmpty()) {
			throw new IllegalArgumentException("userId must not be empty");
		}
		String key = this.options.userKey(userId);
		KVLimits.checkKey(key);
		return key;
	}

	private static JsonNode put(ObjectNode document, String flag, @Nullable JsonNode value) {
		ObjectNode copy = document.deepCopy();
		if (value == null) {
			copy.remove(flag);
		}
		else {
			copy.set(flag, value);
		}
		return copy;
	}

	private DocumentMetadata update(String key, java.util.function.Function<ObjectNode, JsonNode> edit, FlagChange change) {
		Objects.requireNonNull(change, "change must not be null; say who makes it with FlagChange.by(...)");
		StoredFlagDocument current = read(key);
		Long expected = change.expectedVersion();
		if (expected != null && expected != current.version()) {
			throw new StaleVersionException(key, expected, current.version());
		}
		JsonNode next = edit.apply(current.document());
		String json = next.toString();
		List<String> problems = FlagDocumentValidator.problems(next, json);
		if (!problems.isEmpty()) {
			throw new FlagDocumentInvalidException(key, problems);
		}
		pace(key);
		Instant now = this.options.clock().instant();
		DocumentMetadata metadata = new DocumentMetadata(now, change.actor(), current.version() + 1);
		Map<String, Object> stamped = new LinkedHashMap<>();
		stamped.put("updatedAt", now.toString());
		stamped.put("updatedBy", change.actor());
		stamped.put("version", metadata.version());
		KVLimits.checkMetadataJson(this.options.jsonMapper().writeValueAsString(stamped));

		String auditKey = auditKey(now);
		ObjectNode audit = auditEntry(now, change, key, current, (ObjectNode) next, metadata.version());
		Map<String, Object> auditMetadata = Map.of("key", key, "version", metadata.version());
		// One request for both: the document and the entry that records the change.
		List<BulkWrite> writes = List.of(BulkWrite.of(key, json).withMetadata(stamped),
				BulkWrite.of(auditKey, audit.toString())
					.withExpirationTtl(this.options.auditRetention().getSeconds())
					.withMetadata(auditMetadata));
		BulkResult result = this.namespace.bulkPut(writes);
		for (BulkWrite write : writes) {
			// KV's advice for a key "not written successfully to all storage backends": write it again.
			if (result.unsuccessfulKeys().contains(write.key())) {
				this.namespace.put(write.key(), write.value(), (write.expirationTtl() != null)
						? PutOptions.none().withExpirationTtl(this.options.auditRetention()).withMetadata(write.metadata())
						: PutOptions.none().withMetadata(write.metadata()));
			}
		}
		this.lastWrites.put(key, this.options.clock().instant());
		logger.info("Flag document '{}' is now version {} (by {}{})", key, metadata.version(), change.actor(),
				(change.reason() != null) ? ": " + change.reason() : "");
		try {
			this.options.listener().written(key, metadata);
		}
		catch (RuntimeException ex) {
			logger.warn("A flag listener failed", ex);
		}
		return metadata;
	}

	// KV accepts one write per second per key: wait out the rest of the interval since this admin's last write.
	private void pace(String key) {
		Instant last = this.lastWrites.get(key);
		if (last == null || this.options.writeInterval().isZero()) {
			return;
		}
		Duration wait = Duration.between(this.options.clock().instant(), last.plus(this.options.writeInterval()));
		if (!wait.isNegative() && !wait.isZero()) {
			try {
				this.options.sleeper().sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while pacing the write of '" + key + "'", ex);
			}
		}
	}

	// Inverted milliseconds, then an inverted sequence: keys sort newest first in UTF-8 (and list) order.
	private String auditKey(Instant now) {
		long inverted = Long.MAX_VALUE - now.toEpochMilli();
		int seq = 999_999 - Math.floorMod(this.sequence.getAndIncrement(), 1_000_000);
		return this.options.auditPrefix() + String.format("%019d-%06d", inverted, seq);
	}

	private static ObjectNode auditEntry(Instant now, FlagChange change, String key, StoredFlagDocument current,
			ObjectNode next, long versionAfter) {
		ObjectNode before = NODES.objectNode();
		ObjectNode after = NODES.objectNode();
		ObjectNode previous = current.document();
		for (Map.Entry<String, JsonNode> member : previous.properties()) {
			JsonNode now2 = next.get(member.getKey());
			if (now2 == null || !now2.equals(member.getValue())) {
				before.set(member.getKey(), member.getValue());
			}
		}
		for (Map.Entry<String, JsonNode> member : next.properties()) {
			JsonNode was = previous.get(member.getKey());
			if (was == null || !was.equals(member.getValue())) {
				after.set(member.getKey(), member.getValue());
			}
		}
		ObjectNode entry = NODES.objectNode();
		entry.put("at", now.toString());
		entry.put("actor", change.actor());
		if (change.reason() != null) {
			entry.put("reason", change.reason());
		}
		else {
			entry.putNull("reason");
		}
		entry.put("key", key);
		entry.put("versionBefore", current.version());
		entry.put("versionAfter", versionAfter);
		entry.set("before", before);
		entry.set("after", after);
		return entry;
	}

	@Override
	public AuditPage auditLog(int limit, @Nullable String cursor) {
		ListResult page = this.namespace.list(ListOptions.defaults()
			.withPrefix(this.options.auditPrefix())
			.withLimit(limit)
			.withCursor(cursor));
		List<AuditEntry> entries = new ArrayList<>();
		for (KVKey key : page.keys()) {
			String value = this.namespace.get(key.name());
			if (value == null) {
				continue;
			}
			JsonNode e = this.options.jsonMapper().readTree(value);
			entries.add(new AuditEntry(Instant.parse(e.path("at").stringValue()), e.path("actor").stringValue(),
					e.path("reason").isString() ? e.path("reason").stringValue() : null, e.path("key").stringValue(),
					e.path("versionBefore").asLong(), e.path("versionAfter").asLong(), e.path("before"),
					e.path("after")));
		}
		return new AuditPage(entries, page.listComplete() ? null : page.cursor());
	}

	private StoredFlagDocument read(String key) {
		ValueWithMetadata<String> stored = this.namespace.getWithMetadata(key, ValueType.text(), GetOptions.defaults());
		if (stored == null) {
			return new StoredFlagDocument(key, NODES.objectNode(), null);
		}
		JsonNode document = this.options.jsonMapper().readTree(stored.value());
		if (!document.isObject()) {
			throw new IllegalStateException("'" + key + "' holds " + document.getNodeType()
					+ ", not a flag document (a JSON object); replace it with setDocument");
		}
		JsonNode metadata = stored.metadata();
		DocumentMetadata stamped = null;
		if (metadata != null && metadata.has("version")) {
			stamped = new DocumentMetadata(
					metadata.path("updatedAt").isString() ? Instant.parse(metadata.path("updatedAt").stringValue())
							: Instant.EPOCH,
					metadata.path("updatedBy").asString(""), DocumentMetadata.versionOf(metadata));
		}
		return new StoredFlagDocument(key, (ObjectNode) document, stamped);
	}

}
