package io.github.workerskv.kv.emulator;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown routes and methods answer 404 with code 7003 in a v4 envelope. */
class RoutingTest {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("t"));

	@Test
	void answersAnUnknownRouteWith404And7003() {
		Api api = new Api(kv.baseUrl(), "t", "acct");

		HttpResponse<byte[]> unknown = api.get("/zones");
		HttpResponse<byte[]> legacy = api.get("/accounts/acct/workers/namespaces");
		HttpResponse<byte[]> wrongMethod = api.send("PATCH", api.namespaces(), BodyPublishers.noBody());
		HttpResponse<byte[]> outsideBase = new Api(kv.baseUrl().resolve("/"), "t", "acct").get("other");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(Api.errorCode(unknown)).isEqualTo(7003);
		assertThat(Api.errorMessage(unknown)).isEqualTo("No route for the URI: GET /client/v4/zones");
		assertThat(Api.errorCode(legacy)).isEqualTo(7003);
		assertThat(Api.errorCode(wrongMethod)).isEqualTo(7003);
		assertThat(outsideBase.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void reportsTheBaseUrlWithoutATrailingSlash() {
		assertThat(kv.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/client/v4");
		assertThat(kv.emulator().port()).isEqualTo(kv.baseUrl().getPort());
	}

}
