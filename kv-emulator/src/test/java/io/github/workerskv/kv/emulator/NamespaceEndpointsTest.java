package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Namespace CRUD and paging over HTTP. */
class NamespaceEndpointsTest {

	private KVEmulator kv;

	private Api api;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("tok").withAccountId("acct"));
		this.api = new Api(this.kv.baseUrl(), "tok", "acct");
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	@Test
	void createsANamespaceWithA32HexIdAndReadsItBack() {
		HttpResponse<byte[]> created = this.api.post(this.api.namespaces(), "{\n  \"title\": \"probe-ns\"\n}");

		assertThat(created.statusCode()).isEqualTo(200);
		JsonNode body = Api.json(created);
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("errors")).isEmpty();
		String id = body.at("/result/id").asString();
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(body.at("/result/title").asString()).isEqualTo("probe-ns");
		assertThat(body.at("/result/supports_url_encoding").asBoolean()).isTrue();

		JsonNode fetched = Api.json(this.api.get(this.api.namespace(id)));
		assertThat(fetched.at("/result/title").asString()).isEqualTo("probe-ns");
	}

	@Test
	void refusesADuplicateTitleWith400And10014() {
		this.api.createNamespace("twice");

		HttpResponse<byte[]> response = this.api.post(this.api.namespaces(), "{\"title\":\"twice\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(10014);
		assertThat(Api.errorMessage(response)).contains("already exists");
	}

	@Test
	void ignoresWranglersJurisdictionField() {
		HttpResponse<byte[]> response = this.api.post(this.api.namespaces(), "{\"title\":\"eu\",\"jurisdiction\":\"eu\"}");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void renamesAndRefusesToRenameOntoAnotherTitle() {
		String a = this.api.createNamespace("a");
		this.api.createNamespace("b");

		HttpResponse<byte[]> renamed = this.api.putJson(this.api.namespace(a), "{\"title\":\"a2\"}");
		HttpResponse<byte[]> clash = this.api.putJson(this.api.namespace(a), "{\"title\":\"b\"}");
		HttpResponse<byte[]> same = this.api.putJson(this.api.namespace(a), "{\"title\":\"a2\"}");

		assertThat(Api.json(renamed).at("/result").toString()).isEqualTo("{\"id\":\"" + a
				+ "\",\"title\":\"a2\",\"supports_url_encoding\":true}");
		assertThat(clash.statusCode()).isEqualTo(400);
		assertThat(Api.errorCode(clash)).isEqualTo(10014);
		assertThat(same.statusCode()).isEqualTo(200);
	}

	@Test
	void deletesANamespaceWithItsKeys() {
		String id = this.api.createNamespace("doomed");
		this.api.put(this.api.namespace(id) + "/values/k", "v");

		HttpResponse<byte[]> deleted = this.api.delete(this.api.namespace(id));

		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.kv.store().namespace(id).get("k")).isNull();
		assertThat(this.api.get(this.api.namespace(id)).statusCode()).isEqualTo(404);
	}

	@Test
	void answersAnUnknownNamespaceWith404And10013Everywhere() {
		String unknown = "0123456789abcdef0123456789abcdef";
		List<HttpResponse<byte[]>> responses = List.of(this.api.get(this.api.namespace(unknown)),
				this.api.putJson(this.api.namespace(unknown), "{\"title\":\"x\"}"),
				this.api.delete(this.api.namespace(unknown)),
				this.api.get(this.api.namespace(unknown) + "/keys"),
				this.api.get(this.api.namespace(unknown) + "/values/k"),
				this.api.put(this.api.namespace(unknown) + "/values/k", "v"),
				this.api.delete(this.api.namespace(unknown) + "/values/k"),
				this.api.get(this.api.namespace(unknown) + "/metadata/k"),
				this.api.putJson(this.api.namespace(unknown) + "/bulk", "[]"),
				this.api.post(this.api.namespace(unknown) + "/bulk/delete", "[]"),
				this.api.post(this.api.namespace(unknown) + "/bulk/get", "{\"keys\":[\"k\"]}"));

		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(Api.errorCode(response)).isEqualTo(10013);
		});
	}

	@Test
	void pagesNamespacesAndAnswersAnEmptyPagePastTheEnd() {
		for (int i = 0; i < 5; i++) {
			this.api.createNamespace("ns-" + i);
		}

		JsonNode first = Api.json(this.api.get(this.api.namespaces() + "?per_page=2&order=title&direction=asc"));
		JsonNode third = Api.json(this.api.get(this.api.namespaces() + "?per_page=2&order=title&direction=asc&page=3"));
		JsonNode past = Api.json(this.api.get(this.api.namespaces() + "?per_page=2&order=title&direction=asc&page=4"));
		JsonNode desc = Api.json(this.api.get(this.api.namespaces() + "?per_page=1000&order=title&direction=desc"));

		assertThat(first.get("result").findValuesAsString("title")).containsExactly("ns-0", "ns-1");
		assertThat(first.get("result_info").toString())
			.isEqualTo("{\"page\":1,\"per_page\":2,\"count\":2,\"total_count\":5,\"total_pages\":3}");
		assertThat(third.get("result").findValuesAsString("title")).containsExactly("ns-4");
		assertThat(past.get("success").asBoolean()).isTrue();
		assertThat(past.get("result")).isEmpty();
		assertThat(desc.get("result").findValuesAsString("title")).containsExactly("ns-4", "ns-3", "ns-2", "ns-1", "ns-0");
	}

	@Test
	void neverListsTheEmulatorsOwnCatalog() {
		this.api.createNamespace("visible");

		JsonNode listed = Api.json(this.api.get(this.api.namespaces() + "?per_page=1000"));

		assertThat(listed.get("result").findValuesAsString("id")).doesNotContain(NamespaceCatalog.CATALOG_NAMESPACE);
		assertThat(this.api.get(this.api.namespace(NamespaceCatalog.CATALOG_NAMESPACE)).statusCode()).isEqualTo(404);
	}

	@Test
	void rejectsMalformedJsonWithAClearMessageAndNo10000() {
		HttpResponse<byte[]> response = this.api.post(this.api.namespaces(), "{\"title\":");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(10001);
		assertThat(Api.errorMessage(response)).startsWith("Malformed JSON in the request body")
			.doesNotContain("at tools.jackson");
	}

	@Test
	void rejectsAMissingOrOverlongTitle() {
		HttpResponse<byte[]> missing = this.api.post(this.api.namespaces(), "{}");
		HttpResponse<byte[]> overlong = this.api.post(this.api.namespaces(), "{\"title\":\"" + "x".repeat(513) + "\"}");
		HttpResponse<byte[]> badPage = this.api.get(this.api.namespaces() + "?page=0");

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(missing)).isEqualTo("The namespace: 'title' must be a string but is missing.");
		assertThat(Api.errorMessage(overlong)).contains("513 characters");
		assertThat(badPage.statusCode()).isEqualTo(400);
	}

}
