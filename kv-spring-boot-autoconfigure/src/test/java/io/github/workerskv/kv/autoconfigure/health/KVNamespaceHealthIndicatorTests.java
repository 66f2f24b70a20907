package io.github.workerskv.kv.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVStorageException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.cloudflare.CloudflareError;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** {@link KVNamespaceHealthIndicator}: what it calls, what it reports, and how long it reuses a result. */
class KVNamespaceHealthIndicatorTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final InstantSource clock = () -> this.now;

	@Test
	void localNamespaceIsUpWhenItsStoreAnswers() {
		try (LocalKVStore store = LocalKVStore.inMemory()) {
			Health health = indicator(store.namespace("flags"), false).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "local");
		}
	}

	@Test
	void localNamespaceListsOneKeyOnEveryCheck() {
		KVNamespace namespace = listing(mock(KVNamespace.class));
		KVNamespaceHealthIndicator indicator = indicator(namespace, false);

		indicator.health();
		indicator.health();

		verify(namespace, times(2)).list(ListOptions.defaults().withLimit(1));
	}

	@Test
	void localNamespaceWhoseStoreFailsIsDownWithTheError() {
		KVNamespace namespace = mock(KVNamespace.class);
		given(namespace.list(any())).willThrow(new KVStorageException("The KV store is closed", null));

		Health health = indicator(namespace, false).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"io.github.workerskv.kv.KVStorageException: The KV store is closed");
	}

	@Test
	void remoteNamespaceIsUpAfterATenKeyListAndShowsItsId() {
		CloudflareKVNamespace namespace = listing(mock(CloudflareKVNamespace.class));
		given(namespace.id()).willReturn("0f2ac74b498b48028cb68387c421e279");

		Health health = indicator(namespace, true).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "remote")
			.containsEntry("namespaceId", "0f2ac74b498b48028cb68387c421e279");
		verify(namespace).list(ListOptions.defaults().withLimit(10));
	}

	@Test
	void remoteResultIsReusedUntilTheTimeToLiveHasPassed() {
		KVNamespace namespace = listing(mock(KVNamespace.class));
		KVNamespaceHealthIndicator indicator = indicator(namespace, true);

		indicator.health();
		this.now = this.now.plus(TTL).minusMillis(1);
		indicator.health();
		verify(namespace, times(1)).list(any());

		this.now = this.now.plusMillis(1);
		indicator.health();
		verify(namespace, times(2)).list(any());
	}

	@Test
	void remoteDownResultIsReusedToo() {
		KVNamespace namespace = mock(KVNamespace.class);
		given(namespace.list(any())).willThrow(new IllegalStateException("closed"));
		KVNamespaceHealthIndicator indicator = indicator(namespace, true);

		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		verify(namespace, times(1)).list(any());
	}

	@Test
	void zeroTimeToLiveChecksARemoteNamespaceEveryTime() {
		KVNamespace namespace = listing(mock(KVNamespace.class));
		KVNamespaceHealthIndicator indicator = new KVNamespaceHealthIndicator("FLAGS", namespace, true, Duration.ZERO,
				this.clock, UnaryOperator.identity());

		indicator.health();
		indicator.health();

		verify(namespace, times(2)).list(any());
	}

	@Test
	void cloudflareFailureIsDownWithTypeStatusErrorCodesAndRetryAfter() {
		CloudflareRateLimitException rateLimited = mock(CloudflareRateLimitException.class);
		given(rateLimited.getMessage()).willReturn("GET /keys: HTTP 429 [code 971] Please wait");
		given(rateLimited.httpStatus()).willReturn(429);
		given(rateLimited.errors()).willReturn(List.of(new CloudflareError(971, "Please wait")));
		given(rateLimited.retryAfter()).willReturn(Duration.ofSeconds(30));
		KVNamespace namespace = mock(KVNamespace.class);
		willThrow(rateLimited).given(namespace).list(any());

		Health health = indicator(namespace, true).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 429)
			.containsEntry("errorCodes", List.of(971))
			.containsEntry("retryAfter", "PT30S");
		assertThat((String) health.getDetails().get("error")).contains("CloudflareRateLimitException")
			.endsWith(": GET /keys: HTTP 429 [code 971] Please wait");
	}

	@Test
	void secretsInAFailureMessageAreRedacted() {
		KVNamespace namespace = mock(KVNamespace.class);
		given(namespace.list(any())).willThrow(new IllegalStateException("bad header: Bearer s3cr3t-token"));
		KVNamespaceHealthIndicator indicator = new KVNamespaceHealthIndicator("FLAGS", namespace, false, TTL, this.clock,
				(text) -> text.replace("s3cr3t-token", "******"));

		Health health = indicator.health();

		assertThat(health.toString()).doesNotContain("s3cr3t-token");
		assertThat(health.getDetails()).containsEntry("error", "java.lang.IllegalStateException: bad header: Bearer ******");
	}

	private KVNamespaceHealthIndicator indicator(KVNamespace namespace, boolean remote) {
		return new KVNamespaceHealthIndicator("FLAGS", namespace, remote, TTL, this.clock, UnaryOperator.identity());
	}

	private static <N extends KVNamespace> N listing(N namespace) {
		given(namespace.list(any())).willReturn(new ListResult(List.of(), true, null));
		return namespace;
	}

}
