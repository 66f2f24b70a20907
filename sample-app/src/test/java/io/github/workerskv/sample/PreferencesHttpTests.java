package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.autoconfigure.data.KVRepositoryOptionsCustomizer;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /preferences} over real HTTP on loopback, on the embedded store: the repository stores each user's
 * preferences as the JSON a Worker reads, with the indexed theme and the logical expiry in the key's metadata, and
 * the keyspace's time to live from {@code application.yml}. Time is a hand-moved clock; nothing sleeps.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PreferencesHttpTests {

	private static final String MY_NAMESPACE_ID = "06779da6940b431db6e566b4846d64db";

	private static final KVEmulatorClock clock = KVEmulatorClock.at(Instant.now());

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@Autowired
	private LocalKVStore store;

	@TestConfiguration
	static class Clocks {

		@Bean
		KVRepositoryOptionsCustomizer handMovedClock() {
			return (options) -> options.withClock(clock);
		}

	}

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	private KVNamespace namespace() {
		return this.store.namespace(MY_NAMESPACE_ID);
	}

	private HttpResponse<String> put(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json))
			.build());
	}

	private HttpResponse<String> delete(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path)).DELETE().build());
	}

	@Test
	void savedPreferencesAreReadBackAndStoredAsPlainJsonWithTheThemeInTheMetadata() throws Exception {
		HttpResponse<String> saved = put("/preferences/ada", "{\"theme\":\"dark\",\"language\":\"en\"}");
		HttpResponse<String> read = this.http.get("/preferences/ada");

		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\",\"language\":\"en\"}");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(saved.body());
		ValueWithMetadata<String> stored = namespace().getWithMetadata("preferences:ada", ValueType.text(),
				GetOptions.defaults());
		assertThat(stored.value()).isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\",\"language\":\"en\"}");
		assertThat(stored.metadata().get("idx").toString()).isEqualTo("{\"theme\":\"dark\"}");
		assertThat(this.http.get("/get/preferences:ada").body()).as("the Quick Start endpoint reads the raw value")
			.isEqualTo("{\"value\":\"{\\\"userId\\\":\\\"ada\\\",\\\"theme\\\":\\\"dark\\\",\\\"language\\\":\\\"en\\\"}\"}");
	}

	@Test
	void preferencesLiveThirtyDaysFromTheirLastSave() throws Exception {
		put("/preferences/grace", "{\"theme\":\"light\",\"language\":\"en\"}");
		Instant savedAt = clock.instant();

		KVKey key = namespace().list(ListOptions.defaults().withPrefix("preferences:grace")).keys().get(0);
		assertThat(key.metadata().get("exp").asLong()).isEqualTo(savedAt.plus(Duration.ofDays(30)).toEpochMilli());
		assertThat(key.expiration()).as("KV's own expiration, 30 days ahead of the store's clock")
			.isBetween(Instant.now().plus(Duration.ofDays(30)).getEpochSecond() - 60,
					Instant.now().plus(Duration.ofDays(30)).getEpochSecond() + 1);

		clock.advance(Duration.ofDays(30).minusMillis(1));
		assertThat(this.http.get("/preferences/grace").statusCode()).isEqualTo(200);
		clock.advance(Duration.ofMillis(1));
		HttpResponse<String> expired = this.http.get("/preferences/grace");
		assertThat(expired.statusCode()).isEqualTo(404);
		assertThat(expired.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void usersAreFoundByTheIndexedThemeSliceBySlice() throws Exception {
		for (int i = 0; i < 5; i++) {
			put("/preferences/solar" + i, "{\"theme\":\"solarized\",\"language\":\"de\"}");
		}
		put("/preferences/other", "{\"theme\":\"light\",\"language\":\"de\"}");

		HttpResponse<String> first = this.http.get("/preferences?theme=solarized&size=3");
		HttpResponse<String> second = this.http.get("/preferences?theme=solarized&page=1&size=3");

		assertThat(first.body()).isEqualTo("{\"theme\":\"solarized\",\"count\":5,\"users\":["
				+ "{\"userId\":\"solar0\",\"theme\":\"solarized\",\"language\":\"de\"},"
				+ "{\"userId\":\"solar1\",\"theme\":\"solarized\",\"language\":\"de\"},"
				+ "{\"userId\":\"solar2\",\"theme\":\"solarized\",\"language\":\"de\"}],\"hasNext\":true}");
		assertThat(second.body()).contains("\"userId\":\"solar3\"", "\"userId\":\"solar4\"")
			.endsWith("\"hasNext\":false}");
	}

	@Test
	void deletedPreferencesAreGone() throws Exception {
		put("/preferences/linus", "{\"theme\":\"dark\",\"language\":\"fi\"}");

		assertThat(delete("/preferences/linus").statusCode()).isEqualTo(204);
		assertThat(this.http.get("/preferences/linus").statusCode()).isEqualTo(404);
		assertThat(namespace().get("preferences:linus")).isNull();
	}

	@Test
	void inputsThatBreakKVsLimitsAnswer400NamingTheLimit() throws Exception {
		HttpResponse<String> longId = put("/preferences/" + "u".repeat(600), "{\"theme\":\"dark\"}");
		HttpResponse<String> longTheme = put("/preferences/ada", "{\"theme\":\"" + "t".repeat(1100) + "\"}");
		HttpResponse<String> badSize = this.http.get("/preferences?theme=dark&size=500");

		assertThat(longId.statusCode()).isEqualTo(400);
		assertThat(longId.body()).contains("512");
		assertThat(longTheme.statusCode()).isEqualTo(400);
		assertThat(longTheme.body()).contains("1024").contains("theme");
		assertThat(badSize.statusCode()).isEqualTo(400);
		assertThat(badSize.body()).isEqualTo("{\"error\":\"page must be 0 or more and size 1..100, but were 0 and 500\"}");
	}

}
