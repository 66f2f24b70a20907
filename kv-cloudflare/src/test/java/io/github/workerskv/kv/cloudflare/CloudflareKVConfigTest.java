package io.github.workerskv.kv.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.ResilienceListener;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudflareKVConfigTest {

	private static final String TOKEN = "s3cr3t-t0ken-value";

	@Test
	void defaultsPointAtCloudflare() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.cloudflare.com/client/v4"));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
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
		assertThat(config.writePacing().enabled()).isFalse();
		assertThat(config.writePacing().interval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.requestBudget().enabled()).isFalse();
		assertThat(config.requestBudget().requests()).isEqualTo(1200);
		assertThat(config.requestBudget().window()).isEqualTo(Duration.ofMinutes(5));
		assertThat(config.resilienceListener()).isEqualTo(ResilienceListener.none());
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
	void resilienceOptionsRefuseValuesOutsideTheirRanges() {
		RetryOptions retry = RetryOptions.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> retry.withMaxAttempts(0));
		assertThatIllegalArgumentException().isThrownBy(() -> retry.withJitter(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> retry.withDeadline(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> retry.withBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> retry.withBackoff(Duration.ZERO, 2, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> retry.withMaxRetryAfter(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WritePacingOptions.disabled().withInterval(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestBudgetOptions.disabled().withBudget(0, Duration.ofMinutes(5)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestBudgetOptions.disabled().withMaxWait(Duration.ofSeconds(-1)));
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
			.withReadCacheSize(0)
			.withAccountId("other");
		assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8787/client/v4"));
		assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.readCacheSize()).isZero();
		assertThat(config.accountId()).isEqualTo("other");
		assertThat(config.credentials()).isEqualTo(Credentials.apiToken(TOKEN));
	}

	@Test
	void refusesBaseUrlsThatAreNotHttp() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withBaseUrl("ftp://example.com/client/v4"));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withBaseUrl("/client/v4"));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withBaseUrl("http://127.0.0.1/client/v4?x=1"));
	}

	@Test
	void userInfoInTheBaseUrlIsRefusedWithoutEchoingIt() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withBaseUrl("http://user:" + TOKEN + "@127.0.0.1/v4"))
			.withMessageNotContaining(TOKEN);
	}

	@Test
	void refusesEmptyAccountsTimeoutsAndCacheSizes() {
		CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withAccountId(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withAccountId(".."));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withRequestTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withConnectTimeout(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> config.withReadCacheSize(-1));
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
