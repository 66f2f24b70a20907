package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.cloudflare.Credentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class KVConnectionDetailsTests {

	@Test
	void fixedDetailsReturnTheirValuesAndMaskTheSecret() {
		KVConnectionDetails details = KVConnectionDetails.of("http://127.0.0.1:8787/client/v4", "acct",
				Credentials.apiToken("tok-never-shown"));
		assertThat(details.getBaseUrl()).isEqualTo("http://127.0.0.1:8787/client/v4");
		assertThat(details.getAccountId()).isEqualTo("acct");
		assertThat(details.getCredentials()).isEqualTo(Credentials.apiToken("tok-never-shown"));
		assertThat(details.toString()).contains("acct").doesNotContain("tok-never-shown");
	}

	@Test
	void fixedDetailsRequireEveryValue() {
		assertThatNullPointerException().isThrownBy(() -> KVConnectionDetails.of("http://127.0.0.1/client/v4", "a", null))
			.withMessageContaining("credentials");
	}

}
