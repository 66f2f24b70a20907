package io.github.workerskv.kv.autoconfigure.flags;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.autoconfigure.AotContexts;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.console.KVConsoleAutoConfiguration;
import io.github.workerskv.kv.console.ConsoleExtension;
import io.github.workerskv.kv.console.ConsoleRequest;
import io.github.workerskv.kv.console.ConsoleResponse;
import io.github.workerskv.kv.console.KVConsole;
import io.github.workerskv.kv.flags.AuditEntry;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagEvaluation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's flag pages as the auto-configuration contributes them: present only with the console and the
 * flags, served as the console's Flags section, and writing through the flags' admin with the console's checks.
 */
@CompileWithForkedClassLoader
class KVFlagsConsoleAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(KVAutoConfiguration.class,
			KVFlagsAutoConfiguration.class, KVFlagsConsoleAutoConfiguration.class, KVConsoleAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
		.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.console.enabled=true");

	@Test
	void theConsoleShowsTheFlagsAsASectionWithItsPageModule() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			assertThat(console.extensions()).extracting(ConsoleExtension::name).containsExactly("flags");
			JsonNode session = json(console.handle(ConsoleRequest.of("GET", "/api/session")));
			assertThat(session.path("extensions").get(0).path("label").asString()).isEqualTo("Flags");
			ConsoleResponse script = console.handle(ConsoleRequest.of("GET", "/assets/flags.js"));
			assertThat(script.status()).isEqualTo(200);
			assertThat(script.contentType()).startsWith("text/javascript");
			assertThat(new String(script.body(), StandardCharsets.UTF_8)).contains("export const routes");
		});
	}

	@Test
	void withoutTheConsoleThereIsNoFlagSection() {
		this.contextRunner.withPropertyValues("cloudflare.kv.console.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(FeatureFlags.class)
				.doesNotHaveBean(ConsoleExtension.class));
	}

	@Test
	void withoutTheFlagsTheConsoleHasNoFlagSection() {
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConsoleExtension.class);
			assertThat(context.getBean(KVConsole.class).extensions()).isEmpty();
			assertThat(context.getBean(KVConsole.class).handle(ConsoleRequest.of("GET", "/api/flags")).status())
				.isEqualTo(404);
		});
	}

	@Test
	void aToggleIsAnAdminWriteByTheSignedInUserAndChangesTheEvaluationAtOnce() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			FeatureFlagsAdmin admin = context.getBean(FeatureFlagsAdmin.class);
			admin.setFlag("newCheckout", JSON.readTree("false"), FlagChange.by("setup"));
			assertThat(flag(evaluate(console, "u-1"), "newCheckout").path("value").asBoolean()).isFalse();

			ConsoleResponse answer = write(console, "alice",
					"{\"flag\":\"newCheckout\",\"value\":true,\"expectedVersion\":1,\"reason\":\"launch\"}");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(json(answer).path("version").asLong()).isEqualTo(2);
			assertThat(json(answer).path("updatedBy").asString()).isEqualTo("alice");
			assertThat(flags.isEnabled("newCheckout", FlagContext.of("u-1"))).isTrue();
			JsonNode preview = flag(evaluate(console, "u-1"), "newCheckout");
			FlagEvaluation<Boolean> expected = flags.getBooleanDetails("newCheckout", false, FlagContext.of("u-1"));
			assertThat(preview.path("value").asBoolean()).isEqualTo(expected.value()).isTrue();
			assertThat(preview.path("reason").asString()).isEqualTo(expected.reason().name());
			AuditEntry newest = admin.auditLog(1, null).entries().get(0);
			assertThat(newest.actor()).isEqualTo("alice");
			assertThat(newest.reason()).isEqualTo("launch");
			assertThat(newest.before().path("newCheckout").asBoolean()).isFalse();
			assertThat(newest.after().path("newCheckout").asBoolean()).isTrue();
			JsonNode audit = json(console.handle(ConsoleRequest.of("GET", "/api/flags/audit")));
			assertThat(audit.path("entries").get(0).path("actor").asString()).isEqualTo("alice");
			assertThat(audit.path("entries").get(1).path("actor").asString()).isEqualTo("setup");
		});
	}

	@Test
	void withoutASignedInUserTheActorIsTheConsole() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			assertThat(write(console, null, "{\"flag\":\"beta\",\"value\":\"blue\",\"user\":\"u-7\"}").status())
				.isEqualTo(200);
			FeatureFlagsAdmin admin = context.getBean(FeatureFlagsAdmin.class);
			assertThat(admin.user("u-7").metadata().updatedBy()).isEqualTo("console");
			assertThat(admin.auditLog(1, null).entries().get(0).key()).isEqualTo("flags:user:u-7");
			JsonNode overview = json(console.handle(ConsoleRequest.of("GET", "/api/flags")));
			assertThat(overview.path("users").path("entries").get(0).path("id").asString()).isEqualTo("u-7");
			assertThat(overview.path("users").path("entries").get(0).path("updatedBy").asString()).isEqualTo("console");
			assertThat(overview.path("global").path("exists").asBoolean()).isFalse();
		});
	}

	@Test
	void refusesWritesWithoutTheConsolesTokenAndWritesNothing() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			ConsoleResponse refused = console.handle(ConsoleRequest.of("POST", "/api/flags/flag")
				.withBody("{\"flag\":\"beta\",\"value\":true}".getBytes(StandardCharsets.UTF_8)));
			assertThat(refused.status()).isEqualTo(403);
			assertThat(json(refused).path("error").asString()).contains("X-KV-Console-Token");
			assertThat(context.getBean(FeatureFlagsAdmin.class).global().document().isEmpty()).isTrue();
			assertThat(context.getBean(FeatureFlagsAdmin.class).auditLog(10, null).entries()).isEmpty();
		});
	}

	@Test
	void answersTheAdminsRefusalsWithTheirStatusAndField() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			context.getBean(FeatureFlagsAdmin.class).setFlag("beta", JSON.readTree("true"), FlagChange.by("setup"));
			ConsoleResponse stale = write(console, "bob", "{\"flag\":\"beta\",\"value\":false,\"expectedVersion\":0}");
			assertThat(stale.status()).isEqualTo(409);
			assertThat(json(stale).path("field").asString()).isEqualTo("expectedVersion");
			ConsoleResponse invalid = write(console, "bob",
					"{\"flag\":\"beta\",\"value\":{\"state\":\"ON\",\"variants\":{\"on\":true},\"defaultVariant\":\"on\"}}");
			assertThat(invalid.status()).isEqualTo(400);
			assertThat(json(invalid).path("field").asString()).isEqualTo("value");
			assertThat(json(invalid).path("error").asString()).contains("state");
			ConsoleResponse noValue = write(console, "bob", "{\"flag\":\"beta\"}");
			assertThat(noValue.status()).isEqualTo(400);
			assertThat(json(noValue).path("field").asString()).isEqualTo("value");
			ConsoleResponse badContext = console.handle(ConsoleRequest.of("GET", "/api/flags/evaluate")
				.withQuery(Map.of("key", "u-1", "context", "[1]")));
			assertThat(badContext.status()).isEqualTo(400);
			assertThat(json(badContext).path("field").asString()).isEqualTo("context");
			assertThat(context.getBean(FeatureFlags.class).isEnabled("beta")).isTrue();
		});
	}

	@Test
	void thePreviewEvaluatesRolloutsAndAttributesAsTheService() {
		this.contextRunner.run((context) -> {
			KVConsole console = context.getBean(KVConsole.class);
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			write(console, "alice", """
					{"flag":"color","value":{"state":"ENABLED","variants":{"red":"red","blue":"blue"},"defaultVariant":"red",
					 "targeting":{"if":[{"==":[{"var":"country"},"CH"]},"blue",{"fractional":[["red",50],["blue",50]]}]}}}""");
			for (String key : List.of("a", "b", "c", "d", "e", "f")) {
				FlagEvaluation<String> expected = flags.getStringDetails("color", "none", FlagContext.of(key));
				JsonNode preview = flag(evaluate(console, key), "color");
				assertThat(preview.path("value").asString()).isEqualTo(expected.value());
				assertThat(preview.path("variant").asString()).isEqualTo(expected.variant());
				assertThat(preview.path("reason").asString()).isEqualTo(expected.reason().name());
			}
			JsonNode swiss = json(console.handle(ConsoleRequest.of("GET", "/api/flags/evaluate")
				.withQuery(Map.of("key", "a", "context", "{\"country\":\"CH\"}"))));
			assertThat(flag(swiss, "color").path("variant").asString()).isEqualTo("blue");
		});
	}

	@Test
	void theSectionIsBuiltFromGeneratedCode() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);
		String[] properties = { "cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.console.enabled=true" };
		AotContexts.run(runner.withPropertyValues(properties), properties, (context) -> {
			ConsoleExtension extension = context.getBean(ConsoleExtension.class);
			assertThat(extension.name()).isEqualTo("flags");
			assertThat(extension.script()).isNotNull();
		});
	}

	private static ConsoleResponse write(KVConsole console, String user, String body) {
		JsonNode session = json(console.handle(ConsoleRequest.of("GET", "/api/session")));
		Map<String, String> headers = new LinkedHashMap<>();
		session.path("writeHeaders").properties().forEach((header) -> headers.put(header.getKey(), header.getValue().asString()));
		return console.handle(ConsoleRequest.of("POST", "/api/flags/flag")
			.withHeaders(headers)
			.withUser(user)
			.withBody(body.getBytes(StandardCharsets.UTF_8)));
	}

	private static JsonNode evaluate(KVConsole console, String key) {
		return json(console.handle(ConsoleRequest.of("GET", "/api/flags/evaluate").withQuery(Map.of("key", key))));
	}

	private static JsonNode flag(JsonNode evaluation, String name) {
		for (JsonNode flag : evaluation.path("flags")) {
			if (flag.path("name").asString().equals(name)) {
				return flag;
			}
		}
		throw new AssertionError(name + " is not in " + evaluation);
	}

	private static JsonNode json(ConsoleResponse response) {
		return JSON.readTree(response.body());
	}

}
