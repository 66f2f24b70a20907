package io.github.workerskv.kv.flags;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Worker of our own ({@code js/proof-worker.mjs}, under Miniflare) reads the flag documents that
 * {@link FeatureFlagsAdmin} wrote, the way the Workers KV docs' Worker reads them ({@code env.FLAGS.get(key,
 * {type: "json", cacheTtl: 300})}: the user's document, then the global one, then the defaults), evaluates them with
 * {@code @openfeature/flagd-core}, and answers what {@link FeatureFlags} answers on the same contexts: same value,
 * variant, reason and error code, in both document modes.
 *
 * <p>The documents reach the Worker's KV byte for byte: each key the admin wrote to the embedded store is stored in
 * the Worker's namespace as the bytes the store holds, and the bytes and metadata the Worker's binding then reads
 * are compared with them.
 */
class WorkerProofTest {

	private static final int CASES = 2_500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory F = JsonNodeFactory.instance;

	private static final Map<String, Object> DEFAULTS = Map.of("new-checkout", false, "theme", "light", "limit", 10);

	private static final List<String> USERS = List.of("alice", "bob", "jörg", "用户", "user-42", "😀-emoji");

	private static MiniflareWorker worker;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void startWorker() {
		worker = MiniflareWorker.start(Duration.ofSeconds(90));
	}

	@AfterAll
	static void stopWorker() throws Exception {
		if (worker != null) {
			worker.close();
		}
	}

	@ParameterizedTest
	@EnumSource(DocumentMode.class)
	void theWorkerAnswersWhatFeatureFlagsAnswersOnTheDocumentsJavaWrote(DocumentMode mode) throws Exception {
		String prefix = mode.name().toLowerCase(java.util.Locale.ROOT) + "/flags:";
		FeatureFlagsOptions options = FeatureFlagsOptions.defaults()
			.withKeyPrefix(prefix)
			.withMode(mode)
			.withFlagDefaults(DEFAULTS)
			.withScheduler(new DirectScheduler())
			.withWritePacing(Duration.ZERO, Sleeper.threadSleep());
		try (LocalKVStore store = LocalKVStore.inMemory()) {
			KVNamespace kv = store.namespace("proof");
			FlagCases cases = new FlagCases(mode.ordinal() + 20261201L);
			Map<String, ObjectNode> written = writeDocuments(FeatureFlagsAdmin.create(kv, options), cases);

			int bytes = copyToTheWorkerAndCompareWhatItReads(kv, prefix);
			System.out.printf("worker proof (%s): %d documents, %d bytes, read back by the Worker byte for byte%n",
					mode, written.size(), bytes);

			try (FeatureFlags flags = FeatureFlags.create(kv, options)) {
				compare(flags, prefix, mode, written, cases);
			}
			try (FeatureFlags nothing = FeatureFlags.create(kv, options.withKeyPrefix("nothing/flags:"))) {
				// No document at all: the Worker's DEFAULTS and the configured defaults.
				compare(nothing, "nothing/flags:", mode, Map.of("global", (ObjectNode) JSON.valueToTree(DEFAULTS)),
						cases);
			}
		}
	}

	/** A global document and users' documents of generated flags, each written by the admin (validated). */
	private static Map<String, ObjectNode> writeDocuments(FeatureFlagsAdmin admin, FlagCases cases) {
		Map<String, ObjectNode> written = new LinkedHashMap<>();
		ObjectNode global = acceptedFlags(admin, cases.document(12));
		global.put("new-checkout", true);
		global.set("rollout", FlagCases.json("""
				{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
				 "targeting": {"if": [{"in": [{"var": "plan"}, ["pro", "enterprise"]]}, "on",
				                      {"fractional": [["on", 25], ["off", 75]]}]}}"""));
		admin.setDocument(global, FlagChange.by("ops@example.com").withReason("launch"));
		admin.setFlag("theme", F.stringNode("dark"), FlagChange.by("jörg").withExpectedVersion(1));
		written.put("global", admin.global().document());
		for (int i = 0; i < USERS.size(); i++) {
			String user = USERS.get(i);
			if (i % 2 == 0) {
				admin.setUserDocument(user, acceptedFlags(admin, cases.document(4)), FlagChange.by("ops"));
			}
			admin.setUserFlag(user, "new-checkout", F.booleanNode(i % 3 == 0), FlagChange.by("støtte"));
			written.put(user, admin.user(user).document());
		}
		return written;
	}

	// The generator also makes definitions the admin refuses (that is what the differential test is for): keep
	// the flags it accepts.
	private static ObjectNode acceptedFlags(FeatureFlagsAdmin admin, ObjectNode generated) {
		ObjectNode accepted = F.objectNode();
		JsonNode evaluators = generated.path(FlagDocument.EVALUATORS);
		for (Map.Entry<String, JsonNode> member : generated.properties()) {
			if (member.getKey().startsWith("$")) {
				continue;
			}
			ObjectNode single = F.objectNode();
			single.set(FlagDocument.EVALUATORS, evaluators);
			single.set(member.getKey(), member.getValue());
			try {
				admin.validate(single);
				accepted.set(member.getKey(), member.getValue());
			}
			catch (FlagDocumentInvalidException ex) {
				// refused: not written
			}
		}
		accepted.set(FlagDocument.EVALUATORS, evaluators);
		return accepted;
	}

	/** @return how many bytes the documents hold */
	private int copyToTheWorkerAndCompareWhatItReads(KVNamespace kv, String prefix) throws Exception {
		List<KVKey> keys = kv.list(ListOptions.defaults().withPrefix(prefix)).keys();
		assertThat(keys).hasSize(1 + USERS.size());
		int total = 0;
		for (KVKey key : keys) {
			byte[] stored = kv.getBytes(key.name());
			ValueWithMetadata<String> withMetadata = kv.getWithMetadata(key.name());
			JsonNode metadata = withMetadata.metadata();
			assertThat(metadata).isNotNull();
			assertThat(metadata.propertyNames()).containsExactly("updatedAt", "updatedBy", "version");
			HttpResponse<String> put = this.http.send(HttpRequest.newBuilder(worker.uri("/kv/" + path(key.name())
					+ "?metadata=" + URLEncoder.encode(metadata.toString(), StandardCharsets.UTF_8)))
				.PUT(BodyPublishers.ofByteArray(stored))
				.build(), BodyHandlers.ofString());
			assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

			HttpResponse<byte[]> read = this.http.send(HttpRequest.newBuilder(worker.uri("/kv/" + path(key.name())))
				.build(), BodyHandlers.ofByteArray());
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.body()).as("the bytes the Worker reads for %s", key.name()).isEqualTo(stored);
			HttpResponse<String> readMetadata = this.http.send(
					HttpRequest.newBuilder(worker.uri("/metadata/" + path(key.name()))).build(),
					BodyHandlers.ofString(StandardCharsets.UTF_8));
			assertThat(JSON.readTree(readMetadata.body())).isEqualTo(metadata);
			total += stored.length;
		}
		return total;
	}

	private void compare(FeatureFlags flags, String prefix, DocumentMode mode, Map<String, ObjectNode> documents,
			FlagCases cases) throws IOException, InterruptedException {
		List<String> flagNames = new ArrayList<>();
		documents.values().forEach((document) -> document.propertyNames().forEach((name) -> {
			if (!name.startsWith("$") && !flagNames.contains(name)) {
				flagNames.add(name);
			}
		}));
		flagNames.add("no-such-flag");
		ArrayNode caseArray = F.arrayNode();
		List<FlagContext> contexts = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			ObjectNode context = cases.context();
			context.remove("targetingKey");
			int who = cases.nextInt(10);
			String user = (who < 6) ? USERS.get(cases.nextInt(USERS.size())) : (who < 9) ? cases.targetingKey() : null;
			if (user != null && !user.isEmpty()) {
				context.put("targetingKey", user);
			}
			else {
				user = null;
			}
			ObjectNode source = documents.getOrDefault((user != null) ? user : "global", documents.get("global"));
			// Mostly a flag of the document that answers the user, sometimes any flag (or none) of them all.
			List<String> own = source.propertyNames().stream().filter((name) -> !name.startsWith("$")).toList();
			String flag = (cases.nextInt(4) > 0 && !own.isEmpty()) ? own.get(cases.nextInt(own.size()))
					: flagNames.get(cases.nextInt(flagNames.size()));
			String type = FlagdCoreDifferentialTest.typeFor(source.path(flag), cases);
			caseArray.add(F.arrayNode().add((user != null) ? F.stringNode(user) : F.nullNode()).add(flag).add(type)
				.add(FlagdCoreDifferentialTest.defaultFor(type)).add(context));
			FlagContext flagContext = FlagContext.of(user);
			for (Map.Entry<String, JsonNode> attribute : context.properties()) {
				if (!attribute.getKey().equals("targetingKey")) {
					flagContext = flagContext.with(attribute.getKey(), attribute.getValue());
				}
			}
			contexts.add(flagContext);
		}
		ObjectNode request = F.objectNode();
		request.put("prefix", prefix);
		request.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
		request.set("defaults", JSON.valueToTree(DEFAULTS));
		request.set("cases", caseArray);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(worker.uri("/evaluate"))
			.POST(BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
			.timeout(Duration.ofSeconds(120))
			.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body() + worker.errors()).isEqualTo(200);
		JsonNode answers = JSON.readTree(response.body());
		assertThat(answers.size()).isEqualTo(CASES);

		List<String> mismatches = new ArrayList<>();
		Map<String, Integer> reasons = new LinkedHashMap<>();
		for (int i = 0; i < CASES; i++) {
			JsonNode c = caseArray.get(i);
			FlagEvaluation<JsonNode> java = evaluate(flags, c.get(1).stringValue(), c.get(2).stringValue(), c.get(3),
					contexts.get(i));
			JsonNode js = answers.get(i);
			reasons.merge(java.reason() + ((java.errorCode() != null) ? "/" + java.errorCode() : ""), 1, Integer::sum);
			if (!FlagdCoreDifferentialTest.sameJson(java.value(), js.get(0))
					|| !FlagdCoreDifferentialTest.same(java.variant(), js.get(1))
					|| !java.reason().name().equals(js.get(2).stringValue())
					|| !FlagdCoreDifferentialTest.same((java.errorCode() != null) ? java.errorCode().name() : null,
							js.get(3))) {
				mismatches.add("case " + i + " " + c + "\n  java: " + java + "\n  worker: " + js);
			}
		}
		System.out.printf("worker proof (%s, %s): %d evaluations, %d differ; by reason %s%n", mode, prefix, CASES,
				mismatches.size(), reasons);
		assertThat(mismatches).as("evaluations where the Worker and FeatureFlags disagree").isEmpty();
		assertThat(reasons).containsKeys("STATIC", "ERROR/FLAG_NOT_FOUND", "ERROR/TYPE_MISMATCH");
		if (!prefix.startsWith("nothing")) {
			assertThat(reasons).containsKeys("TARGETING_MATCH", "DEFAULT");
		}
	}

	private static FlagEvaluation<JsonNode> evaluate(FeatureFlags flags, String flag, String type, JsonNode fallback,
			FlagContext context) {
		return switch (type) {
			case "boolean" -> json(flags.getBooleanDetails(flag, fallback.booleanValue(), context));
			case "string" -> json(flags.getStringDetails(flag, fallback.stringValue(), context));
			case "number" -> json(flags.getDoubleDetails(flag, fallback.doubleValue(), context));
			default -> flags.getObjectDetails(flag, fallback, context);
		};
	}

	private static FlagEvaluation<JsonNode> json(FlagEvaluation<?> evaluation) {
		return new FlagEvaluation<>(JSON.valueToTree(evaluation.value()), evaluation.variant(), evaluation.reason(),
				evaluation.errorCode(), evaluation.errorMessage());
	}

	private static String path(String key) {
		return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
