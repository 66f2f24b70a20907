package io.github.workerskv.kv.emulator;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens, account ids, and the endpoints wrangler calls around authentication. */
class AuthenticationTest {

	private static final String TOKEN = "s3cret-token-value";

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken(TOKEN).withToken("second").withAccountId("acct"));

	private Api api(String token) {
		return new Api(kv.baseUrl(), token, "acct");
	}

	@Test
	void answersMissingCredentialsWith401And10000() {
		HttpResponse<byte[]> response = api(null).get(api(null).namespaces());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(Api.json(response).toString()).isEqualTo(
				"{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}");
	}

	@Test
	void answersAWrongTokenWith403And10000WithoutEchoingIt() {
		HttpResponse<byte[]> response = api("wrong-token").get(api(null).namespaces());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(Api.errorCode(response)).isEqualTo(10000);
		assertThat(new String(response.body())).doesNotContain("wrong-token").doesNotContain(TOKEN);
	}

	@Test
	void acceptsEveryConfiguredToken() {
		assertThat(api(TOKEN).get(api(null).namespaces()).statusCode()).isEqualTo(200);
		assertThat(api("second").get(api(null).namespaces()).statusCode()).isEqualTo(200);
	}

	@Test
	void acceptsATokenAsGlobalApiKeyWithAnEmail() {
		Api anonymous = api(null);

		HttpResponse<byte[]> ok = anonymous.send("GET", anonymous.namespaces(), BodyPublishers.noBody(), "X-Auth-Key",
				TOKEN, "X-Auth-Email", "dev@example.com");
		HttpResponse<byte[]> noEmail = anonymous.send("GET", anonymous.namespaces(), BodyPublishers.noBody(),
				"X-Auth-Key", TOKEN);
		HttpResponse<byte[]> wrongKey = anonymous.send("GET", anonymous.namespaces(), BodyPublishers.noBody(),
				"X-Auth-Key", "nope", "X-Auth-Email", "dev@example.com");

		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(noEmail.statusCode()).isEqualTo(403);
		assertThat(Api.errorCode(wrongKey)).isEqualTo(10000);
	}

	@Test
	void refusesAnotherAccountWith403AndACodeOtherThan10000() {
		HttpResponse<byte[]> response = api(TOKEN).withAccount("other").get(api(TOKEN).withAccount("other").namespaces());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(Api.errorCode(response)).isEqualTo(9109);
	}

	@Test
	void verifiesTokensWithCode1000ForAnUnknownOne() {
		HttpResponse<byte[]> valid = api(TOKEN).get("/user/tokens/verify");
		HttpResponse<byte[]> invalid = api("wrong").get("/user/tokens/verify");

		assertThat(Api.json(valid).at("/result/status").asString()).isEqualTo("active");
		assertThat(invalid.statusCode()).isEqualTo(401);
		assertThat(Api.errorCode(invalid)).isEqualTo(1000);
	}

	@Test
	void listsTheConfiguredAccountInMembershipsAndAccounts() {
		JsonNode memberships = Api.json(api(TOKEN).get("/memberships?page=1"));
		JsonNode secondPage = Api.json(api(TOKEN).get("/memberships?page=2"));
		JsonNode accounts = Api.json(api(TOKEN).get("/accounts?page=1"));
		JsonNode user = Api.json(api(TOKEN).get("/user"));

		assertThat(memberships.at("/result/0/account/id").asString()).isEqualTo("acct");
		assertThat(memberships.get("result")).hasSize(1);
		assertThat(secondPage.get("result")).isEmpty();
		assertThat(accounts.at("/result/0/id").asString()).isEqualTo("acct");
		assertThat(user.at("/result/email").asString()).isEqualTo("kv-emulator@localhost");
		assertThat(api(null).get("/memberships").statusCode()).isEqualTo(401);
	}

	@Test
	void acceptsEverythingWhenNoTokenIsConfigured() {
		try (KVEmulator open = KVEmulator.start(KVEmulatorOptions.defaults())) {
			Api anonymous = new Api(open.baseUrl(), null, "any-account");

			assertThat(anonymous.get(anonymous.namespaces()).statusCode()).isEqualTo(200);
			assertThat(anonymous.withToken("whatever").get(anonymous.namespaces()).statusCode()).isEqualTo(200);
			assertThat(Api.json(anonymous.get("/memberships")).at("/result/0/account/id").asString())
				.isEqualTo("00000000000000000000000000000000");
		}
	}

	@Test
	void neverShowsTokensInToString() {
		assertThat(KVEmulatorOptions.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN).contains("1 configured");
		assertThat(kv.emulator().toString()).doesNotContain(TOKEN);
	}

}
