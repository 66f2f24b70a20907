package io.github.workerskv.kv.autoconfigure.flags;

import java.net.URL;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.console.ConsoleCall;
import io.github.workerskv.kv.console.ConsoleError;
import io.github.workerskv.kv.console.ConsoleExtension;
import io.github.workerskv.kv.flags.AuditEntry;
import io.github.workerskv.kv.flags.AuditPage;
import io.github.workerskv.kv.flags.DocumentMetadata;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FeatureFlagsOptions;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagDocumentInvalidException;
import io.github.workerskv.kv.flags.FlagEvaluation;
import io.github.workerskv.kv.flags.FlagsState;
import io.github.workerskv.kv.flags.StaleVersionException;
import io.github.workerskv.kv.flags.StoredFlagDocument;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's flag pages ({@code #/flags}): the global document and the users' documents, the audit trail
 * newest first, a preview of every flag for a targeting key by the {@link FeatureFlags} service (the evaluator
 * the OpenFeature provider answers from), and writes of one flag through {@link FeatureFlagsAdmin} (validated,
 * versioned, paced and audited as every admin write), by the console's signed-in user, or {@code console}
 * when nobody signs in (local mode). Writes carry the console's token and, when the flags' binding is a
 * production one, its confirmation.
 *
 * <ul>
 * <li>{@code GET /api/flags}: the service's state, the global document, a page of users' documents
 * ({@code ?cursor=});</li>
 * <li>{@code GET /api/flags/user?id=}: one user's document;</li>
 * <li>{@code GET /api/flags/evaluate?key=&context=}: every flag for a targeting key and attributes (a JSON
 * object);</li>
 * <li>{@code GET /api/flags/audit?limit=&cursor=}: the audit trail, newest first;</li>
 * <li>{@code POST /api/flags/flag} with {@code {"flag", "value" | "remove": true, "user", "reason",
 * "expectedVersion"}}: sets or removes one flag of the global document or of a user's.</li>
 * </ul>
 */
final class FlagsConsoleExtension implements ConsoleExtension {

	static final String NAME = "flags";

	static final String ACTOR_WITHOUT_SIGN_IN = "console";

	private static final int USERS_PER_PAGE = 50;

	private static final int AUDIT_PER_PAGE = 20;

	private static final Log logger = LogFactory.getLog(FlagsConsoleExtension.class);

	private final FeatureFlags flags;

	private final FeatureFlagsAdmin admin;

	private final KVNamespace namespace;

	private final FeatureFlagsOptions options;

	private final JsonMapper json;

	FlagsConsoleExtension(FeatureFlags flags, FeatureFlagsAdmin admin, KVNamespace namespace,
			FeatureFlagsOptions options) {
		this.flags = flags;
		this.admin = admin;
		this.namespace = namespace;
		this.options = options;
		this.json = options.jsonMapper();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String label() {
		return "Flags";
	}

	@Override
	public URL script() {
		return Objects.requireNonNull(FlagsConsoleExtension.class.getResource("console-flags.js"),
				"console-flags.js is missing from kv-spring-boot-autoconfigure");
	}

	@Override
	public JsonNode handle(ConsoleCall call) {
		switch (call.path()) {
			case "":
				requireMethod(call, "GET");
				return overview(call);
			case "/user":
				requireMethod(call, "GET");
				return document(call.newObject(), this.admin.user(userId(call.requiredQuery("id"))));
			case "/evaluate":
				requireMethod(call, "GET");
				return evaluate(call);
			case "/audit":
				requireMethod(call, "GET");
				return audit(call);
			case "/flag":
				requireMethod(call, "POST");
				return setFlag(call);
			default:
				throw new ConsoleError(404, "The flag pages have no API at " + call.path() + ".");
		}
	}

	private ObjectNode overview(ConsoleCall call) {
		ObjectNode answer = call.newObject();
		answer.put("binding", this.namespace.name());
		answer.put("globalKey", this.options.globalKey());
		answer.put("userKeyPrefix", this.options.userKey(""));
		answer.put("mode", this.options.mode().name().toLowerCase(Locale.ROOT));
		FlagsState state = this.flags.state();
		ObjectNode stateNode = answer.putObject("state");
		stateNode.put("status", state.status().name());
		putInstant(stateNode, "lastRefresh", state.lastRefresh());
		putInstant(stateNode, "staleSince", state.staleSince());
		stateNode.put("lastError", state.lastError());
		document(answer.putObject("global"), this.admin.global());
		ObjectNode defaults = answer.putObject("defaults");
		this.options.flagDefaults().forEach(defaults::set);
		ListResult users = this.namespace.list(ListOptions.defaults()
			.withPrefix(this.options.userKey(""))
			.withLimit(USERS_PER_PAGE)
			.withCursor(emptyToNull(call.query("cursor"))));
		ObjectNode usersNode = answer.putObject("users");
		ArrayNode entries = usersNode.putArray("entries");
		int prefix = this.options.userKey("").length();
		for (KVKey key : users.keys()) {
			ObjectNode entry = entries.addObject();
			entry.put("id", key.name().substring(prefix));
			entry.put("key", key.name());
			JsonNode metadata = key.metadata();
			if (metadata != null && metadata.isObject()) {
				entry.set("version", metadata.get("version"));
				entry.set("updatedAt", metadata.get("updatedAt"));
				entry.set("updatedBy", metadata.get("updatedBy"));
			}
		}
		usersNode.put("cursor", users.listComplete() ? null : users.cursor());
		return answer;
	}

	private ObjectNode evaluate(ConsoleCall call) {
		String key = emptyToNull(call.query("key"));
		FlagContext context = FlagContext.of(key);
		String attributes = emptyToNull(call.query("context"));
		if (attributes != null) {
			JsonNode node;
			try {
				node = this.json.readTree(attributes);
			}
			catch (JacksonException ex) {
				throw new ConsoleError(400, "The attributes are not JSON: " + ex.getOriginalMessage(), "context");
			}
			if (node == null || !node.isObject()) {
				throw new ConsoleError(400, "The attributes must be a JSON object, such as {\"country\": \"CH\"}.",
						"context");
			}
			for (Map.Entry<String, JsonNode> attribute : node.properties()) {
				context = context.with(attribute.getKey(), attribute.getValue());
			}
		}
		ObjectNode answer = call.newObject();
		answer.put("targetingKey", key);
		ArrayNode list = answer.putArray("flags");
		for (Map.Entry<String, FlagEvaluation<JsonNode>> flag : this.flags.evaluateAll(context).entrySet()) {
			FlagEvaluation<JsonNode> evaluation = flag.getValue();
			ObjectNode entry = list.addObject();
			entry.put("name", flag.getKey());
			entry.set("value", evaluation.value());
			entry.put("variant", evaluation.variant());
			entry.put("reason", evaluation.reason().name());
			entry.put("errorCode", (evaluation.errorCode() != null) ? evaluation.errorCode().name() : null);
			entry.put("errorMessage", evaluation.errorMessage());
		}
		return answer;
	}

	private ObjectNode audit(ConsoleCall call) {
		int limit = AUDIT_PER_PAGE;
		String text = emptyToNull(call.query("limit"));
		if (text != null) {
			try {
				limit = Integer.parseInt(text);
			}
			catch (NumberFormatException ex) {
				limit = 0;
			}
			if (limit < 1 || limit > 1000) {
				throw new ConsoleError(400, "limit must be a whole number from 1 to 1000, not '" + text + "'.", "limit");
			}
		}
		AuditPage page = this.admin.auditLog(limit, emptyToNull(call.query("cursor")));
		ObjectNode answer = call.newObject();
		ArrayNode entries = answer.putArray("entries");
		String userPrefix = this.options.userKey("");
		for (AuditEntry entry : page.entries()) {
			ObjectNode node = entries.addObject();
			putInstant(node, "at", entry.at());
			node.put("actor", entry.actor());
			node.put("reason", entry.reason());
			node.put("key", entry.key());
			node.put("user", entry.key().startsWith(userPrefix) ? entry.key().substring(userPrefix.length()) : null);
			node.put("versionBefore", entry.versionBefore());
			node.put("versionAfter", entry.versionAfter());
			node.set("before", entry.before());
			node.set("after", entry.after());
		}
		answer.put("cursor", page.cursor());
		return answer;
	}

	private ObjectNode setFlag(ConsoleCall call) {
		call.checkWrite(this.namespace.name());
		JsonNode body = call.body();
		String flag = text(body, "flag");
		if (flag == null || flag.isBlank()) {
			throw new ConsoleError(400, "Name the flag.", "flag");
		}
		String user = text(body, "user");
		if (user != null) {
			user = userId(user);
		}
		boolean remove = body.path("remove").asBoolean(false);
		JsonNode value = body.get("value");
		if (!remove && value == null) {
			throw new ConsoleError(400, "Give the flag a value (JSON), or remove it.", "value");
		}
		String who = call.user();
		FlagChange change = FlagChange.by((who != null && !who.isBlank()) ? who : ACTOR_WITHOUT_SIGN_IN)
			.withReason(text(body, "reason"));
		JsonNode expected = body.get("expectedVersion");
		if (expected != null && !expected.isNull()) {
			if (!expected.canConvertToLong() || !expected.isIntegralNumber() || expected.asLong() < 0) {
				throw new ConsoleError(400, "expectedVersion must be a document version (0, 1, 2, ...).",
						"expectedVersion");
			}
			change = change.withExpectedVersion(expected.asLong());
		}
		String key = (user != null) ? this.options.userKey(user) : this.options.globalKey();
		DocumentMetadata metadata;
		try {
			metadata = (user != null) ? this.admin.setUserFlag(user, flag, remove ? null : value, change)
					: this.admin.setFlag(flag, remove ? null : value, change);
		}
		catch (StaleVersionException ex) {
			throw new ConsoleError(409, ex.getMessage() + " Reload the page to see the current document.",
					"expectedVersion");
		}
		catch (FlagDocumentInvalidException ex) {
			throw new ConsoleError(400, String.valueOf(ex.getMessage()), "value");
		}
		logger.info("KV console: " + change.actor() + (remove ? " removed" : " set") + " flag '" + flag + "' in "
				+ key + " of " + this.namespace.name() + " (version " + metadata.version() + ")");
		ObjectNode answer = call.newObject();
		answer.put("key", key);
		answer.put("version", metadata.version());
		putInstant(answer, "updatedAt", metadata.updatedAt());
		answer.put("updatedBy", metadata.updatedBy());
		return answer;
	}

	private static ObjectNode document(ObjectNode node, StoredFlagDocument stored) {
		node.put("key", stored.key());
		node.put("version", stored.version());
		DocumentMetadata metadata = stored.metadata();
		putInstant(node, "updatedAt", (metadata != null) ? metadata.updatedAt() : null);
		node.put("updatedBy", (metadata != null) ? metadata.updatedBy() : null);
		node.put("exists", stored.metadata() != null || !stored.document().isEmpty());
		node.set("flags", stored.document());
		return node;
	}

	private static String userId(String id) {
		if (id.isEmpty()) {
			throw new ConsoleError(400, "Give the user's id (the targeting key).", "user");
		}
		return id;
	}

	private static void requireMethod(ConsoleCall call, String method) {
		if (!call.method().equals(method)) {
			throw new ConsoleError(405, "Use " + method + " here.");
		}
	}

	private static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new ConsoleError(400, field + " must be a string.", field);
		}
		return emptyToNull(node.asString());
	}

	private static @Nullable String emptyToNull(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	private static void putInstant(ObjectNode node, String name, @Nullable Instant instant) {
		node.put(name, (instant != null) ? instant.toString() : null);
	}

	@Override
	public String toString() {
		return "FlagsConsoleExtension[" + this.namespace.name() + "]";
	}

}
