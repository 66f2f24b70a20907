package io.github.workerskv.kv.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.conformance.repositories.Preferences;
import io.github.workerskv.kv.conformance.repositories.PreferencesRepository;
import io.github.workerskv.kv.conformance.repositories.Session;
import io.github.workerskv.kv.conformance.repositories.SessionRepository;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.spring.data.KVRepositoryOptions;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVAuditing;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVRepositories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Worker side of Spring Data repositories: what a repository writes through the REST client, the real
 * wrangler reads back from the emulator ({@code kv key get} and {@code kv key list --remote}), byte for byte the
 * layout the README's "Spring Data repositories" section documents: key {@code <keyspace>:<id>}, the entity as
 * plain JSON, the {@code @Indexed} values and the logical expiry in the metadata, KV's own expiration.
 */
class WranglerReadsRepositoryEntitiesTest {

	/** The repositories' clock: saves happen at this instant, so the documented bytes are exact. */
	private static final Instant SAVED = Instant.parse("2030-01-01T00:00:00Z");

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	private Wrangler wrangler;

	private CloudflareKVClient client;

	private String ns;

	private AnnotationConfigApplicationContext context;

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(basePackageClasses = PreferencesRepository.class, binding = "PREFERENCES")
	@EnableKVAuditing(dateTimeProviderRef = "savedAt")
	static class Repositories {

	}

	@BeforeEach
	void open() {
		this.wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
		this.ns = Conformance.createNamespaces(kv.emulator(), "repositories-" + System.nanoTime() + "-", 1).get(0);
		this.client = CloudflareKVClient.create(CloudflareKVConfig.of(Conformance.ACCOUNT,
				Credentials.apiToken(Conformance.TOKEN)).withBaseUrl(kv.emulator().baseUrl()));
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean("PREFERENCES", KVNamespace.class, () -> this.client.namespace(this.ns));
		this.context.registerBean(KVRepositoryOptions.class, () -> KVRepositoryOptions.defaults()
			.withClock(Clock.fixed(SAVED, ZoneOffset.UTC))
			.withTimeToLive("preferences", Duration.ofDays(30)));
		this.context.registerBean("savedAt", DateTimeProvider.class, () -> () -> Optional.of(SAVED));
		this.context.register(Repositories.class);
		this.context.refresh();
	}

	@AfterEach
	void close() {
		this.context.close();
		this.client.close();
	}

	@Test
	void wranglerReadsPreferencesAsPlainJsonWithTheThemeAndExpiryInTheMetadata() {
		this.context.getBean(PreferencesRepository.class).save(new Preferences("ada", "dark", "en"));
		long now = Instant.now().getEpochSecond();

		assertThat(new String(wranglerKey("get", "preferences:ada").stdout(), StandardCharsets.UTF_8))
			.isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\",\"language\":\"en\"}");
		JsonNode listed = Conformance.json(wranglerKey("list", "--prefix", "preferences:").out());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("name").asString()).isEqualTo("preferences:ada");
		assertThat(listed.get(0).get("metadata").toString())
			.as("exp: the save time plus the keyspace's 30 days, in epoch milliseconds")
			.isEqualTo("{\"idx\":{\"theme\":\"dark\"},\"exp\":1896048000000}");
		assertThat(listed.get(0).get("expiration").asLong()).as("KV's own expiration: 30 days after the write")
			.isBetween(now + Duration.ofDays(30).toSeconds() - 5, now + Duration.ofDays(30).toSeconds() + 5);
	}

	@Test
	void wranglerReadsAVersionedAuditedSessionWithItsOwnTimeToLive() {
		SessionRepository sessions = this.context.getBean(SessionRepository.class);
		Session saved = sessions.save(new Session("s1", "ada", 2, 3600));
		sessions.save(saved);
		long now = Instant.now().getEpochSecond();

		assertThat(new String(wranglerKey("get", "sessions:s1").stdout(), StandardCharsets.UTF_8)).isEqualTo(
				"{\"id\":\"s1\",\"user\":\"ada\",\"devices\":2,\"ttl\":3600,\"created\":\"2030-01-01T00:00:00Z\","
						+ "\"modified\":\"2030-01-01T00:00:00Z\",\"version\":1}");
		JsonNode listed = Conformance.json(wranglerKey("list", "--prefix", "sessions:").out());
		assertThat(listed.get(0).get("metadata").toString())
			.isEqualTo("{\"idx\":{\"user\":\"ada\",\"devices\":2},\"exp\":1893459600000}");
		assertThat(listed.get(0).get("expiration").asLong()).isBetween(now + 3600 - 5, now + 3600 + 5);
	}

	private NodeProcess.Result wranglerKey(String... args) {
		return this.wrangler.ok(Wrangler.kv("key", this.ns, args));
	}

}
