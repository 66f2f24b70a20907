package io.github.workerskv.kv.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudflareKVConfigTest {

	private static final String TOKEN = "s3cr3t-t0ken-value";

	@Test
	void defaultsPointAtCloudflare() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.cloudflare.com/client/v4"));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(config.idleConnectionTimeout()).as("below the emulator's 30 s and Cloudflare's 400 s")
			.isEqualTo(Duration.ofSeconds(15));
		assertThat(config.readCacheSize()).isEqualTo(1000);
		assertThat(config.asyncExecutor()).isNull();
	}

	@Test
	void retriesAreOnAndPacingAndTheBudgetOffByDefault() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThat(config.retry()).isEqualTo(RetryOptions.defaults());
		assertThat(config.retry().enabled()).isTrue();
		assertThat(config.retry().maxAttempts()).isEqualTo(5);
		assertThat(config.retry().deadline()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.retry().ambiguousWriteSettleTime()).as("writes with an unknown outcome are not retried")
			.isNull();
		assertThat(config.writePacing().enabled()).isFalse();
		assertThat(config.writePacing().interval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.requestBudget().enabled()).isFalse();
		assertThat(config.requestBudget().requests()).isEqualTo(1200);
		assertThat(config.requestBudget().window()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.listener()).isSameAs(KVListener.none());
		assertThat(config.namespaceName("0f2a")).isEqualTo("0f2a");
		assertThat(config.withNamespaceNames(Map.of("0f2a", "FLAGS")).namespaceName("0f2a")).isEqualTo("FLAGS");
	}

	@Test
	void resilienceWithersReplaceOneComponent() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withRetry(RetryOptions.disabled())
			.withWritePacing(WritePacingOptions.enabledByDefault())
			.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(600, Duration.ofMinutes(5)));
		assertThat(config.retry().enabled()).isFalse();
		assertThat(config.writePacing().enabled()).isTrue();
		assertThat(config.requestBudget().requests()).isEqualTo(600);
		assertThat(config.accountId()).isEqualTo("acct");
		assertThat(config.toString()).doesNotContain(TOKEN).contains("writePacing=").contains("requestBudget=");
	}

	@Test
	void resilienceOptionsRefuseValuesOutsideTheirRangesNamingTheOption() {
		RetryOptions retry = RetryOptions.defaults();
		assertRefused("maxAttempts", () -> retry.withMaxAttempts(0));
		assertRefused("maxAttempts", () -> retry.withMaxAttempts(101));
		assertRefused("jitter", () -> retry.withJitter(1.5));
		assertRefused("multiplier", () -> retry.withMultiplier(0.5));
		assertRefused("deadline", () -> retry.withDeadline(Duration.ZERO));
		assertRefused("maxBackoff", () -> retry.withBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
		assertRefused("initialBackoff", () -> retry.withBackoff(Duration.ZERO, 2, Duration.ofSeconds(1)));
		assertRefused("maxRetryAfter", () -> retry.withMaxRetryAfter(Duration.ofSeconds(-1)));
		assertRefused("ambiguousWriteSettleTime", () -> retry.withAmbiguousWriteSettleTime(Duration.ZERO));
		assertRefused("interval", () -> WritePacingOptions.disabled().withInterval(Duration.ZERO));
		assertRefused("shutdownTimeout", () -> WritePacingOptions.disabled().withShutdownTimeout(Duration.ofSeconds(-1)));
		assertRefused("requests", () -> RequestBudgetOptions.disabled().withBudget(0, Duration.ofMinutes(5)));
		assertRefused("window", () -> RequestBudgetOptions.disabled().withWindow(Duration.ZERO));
		assertRefused("maxWait", () -> RequestBudgetOptions.disabled().withMaxWait(Duration.ofSeconds(-1)));
	}

	@Test
	void withersReturnCopiesAndLeaveTheOriginalAsItWas() {
		RetryOptions retry = RetryOptions.defaults();
		assertThat(retry.withMaxAttempts(3).maxAttempts()).isEqualTo(3);
		assertThat(retry.maxAttempts()).isEqualTo(5);
		assertThat(retry.withBackoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(20)).initialBackoff())
			.isEqualTo(Duration.ofSeconds(10));
		RetryOptions changed = retry.withMaxAttempts(3)
			.withJitter(0.1)
			.withAmbiguousWriteSettleTime(Duration.ofSeconds(5))
			.withDeadline(Duration.ofSeconds(10))
			.withMaxRetryAfter(Duration.ofMillis(20));
		assertThat(changed.maxAttempts()).isEqualTo(3);
		assertThat(changed.jitter()).isEqualTo(0.1);
		assertThat(changed.ambiguousWriteSettleTime()).isEqualTo(Duration.ofSeconds(5));
		assertThat(changed.deadline()).isEqualTo(Duration.ofSeconds(10));
		assertThat(changed.maxRetryAfter()).isEqualTo(Duration.ofMillis(20));
		assertThat(changed.withAmbiguousWriteSettleTime(null).ambiguousWriteSettleTime()).isNull();
		assertThat(changed).isNotEqualTo(retry).isEqualTo(RetryOptions.defaults().withMaxAttempts(3).withJitter(0.1)
			.withAmbiguousWriteSettleTime(Duration.ofSeconds(5)).withDeadline(Duration.ofSeconds(10))
			.withMaxRetryAfter(Duration.ofMillis(20)));
		assertThat(retry.ambiguousWriteSettleTime()).isNull();
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThat(config.withReadCacheSize(0)).isNotSameAs(config);
		assertThat(config.readCacheSize()).isEqualTo(1000);
	}

	private static void assertRefused(String option, ThrowingCallable call) {
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(option))
			.withMessageContaining(option);
	}

	@Test
	void toStringMasksTheToken() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThat(config.toString()).doesNotContain(TOKEN).contains("apiToken(****)").contains("acct");
		assertThat(config.credentials().toString()).isEqualTo("Credentials.apiToken(****)");
	}

	@Test
	void toStringMasksTheGlobalKey() {
		Credentials credentials = Credentials.globalKey("ops@example.com", TOKEN);
		assertThat(credentials.toString()).doesNotContain(TOKEN).isEqualTo("Credentials.globalKey(email=ops@example.com, key=****)");
		assertThat(CloudflareKVConfig.of("acct", credentials).toString()).doesNotContain(TOKEN);
	}

	@Test
	void withersReplaceOneComponent() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withBaseUrl("http://127.0.0.1:8787/client/v4/")
			.withRequestTimeout(Duration.ofSeconds(2))
			.withConnectTimeout(Duration.ofSeconds(1))
			.withIdleConnectionTimeout(Duration.ofSeconds(3))
			.withReadCacheSize(0)
			.withAccountId("other");
		assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8787/client/v4"));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.idleConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(config.readCacheSize()).isZero();
		assertThat(config.accountId()).isEqualTo("other");
		assertThat(config.credentials()).isEqualTo(Credentials.apiToken(TOKEN));
	}

	@Test
	void refusesBaseUrlsThatAreNotHttp() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertRefused("baseUrl", () -> config.withBaseUrl("ftp://example.com/client/v4"));
		assertRefused("baseUrl", () -> config.withBaseUrl("/client/v4"));
		assertRefused("baseUrl", () -> config.withBaseUrl("http://127.0.0.1/client/v4?x=1"));
		assertRefused("baseUrl", () -> config.withBaseUrl("http://127.0.0.1/client/v4#top"));
		assertRefused("baseUrl", () -> config.withBaseUrl("http://[::1"));
	}

	@Test
	void userInfoInTheBaseUrlIsRefusedWithoutEchoingIt() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> config.withBaseUrl("http://user:" + TOKEN + "@127.0.0.1/v4"))
			.withMessageNotContaining(TOKEN)
			.satisfies((ex) -> assertThat(String.valueOf(ex.value())).doesNotContain(TOKEN));
	}

	@Test
	void refusesEmptyAccountsTimeoutsAndCacheSizes() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertRefused("accountId", () -> config.withAccountId(" "));
		assertRefused("accountId", () -> config.withAccountId(".."));
		assertRefused("accountId", () -> CloudflareKVConfig.of("", Credentials.apiToken(TOKEN)));
		assertRefused("requestTimeout", () -> config.withRequestTimeout(Duration.ZERO));
		assertRefused("connectTimeout", () -> config.withConnectTimeout(Duration.ofSeconds(-1)));
		assertRefused("idleConnectionTimeout", () -> config.withIdleConnectionTimeout(Duration.ZERO));
		assertRefused("readCacheSize", () -> config.withReadCacheSize(-1));
	}

	@Test
	void credentialsThatCannotBeAHeaderAreRefusedWithoutEchoingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> Credentials.apiToken(TOKEN + "\r\nX-Evil: 1"))
			.withMessageNotContaining(TOKEN)
			.withMessageContaining("index " + TOKEN.length());
		assertThatIllegalArgumentException().isThrownBy(() -> Credentials.apiToken(""));
		assertThatIllegalArgumentException().isThrownBy(() -> Credentials.globalKey("ops@example.com", "k e y"))
			.withMessageNotContaining("k e y");
	}

	@Test
	void credentialsCompareByValue() {
		assertThat(Credentials.apiToken(TOKEN)).isEqualTo(Credentials.apiToken(TOKEN))
			.hasSameHashCodeAs(Credentials.apiToken(TOKEN))
			.isNotEqualTo(Credentials.apiToken("other"));
		assertThat(Credentials.globalKey("a@b", "k")).isEqualTo(Credentials.globalKey("a@b", "k"));
	}

}
