package io.github.workerskv.kv.emulator;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** With a persistence file, namespaces and keys survive a restart. */
class PersistenceTest {

	@TempDir
	Path dir;

	@Test
	void keepsNamespacesAndKeysAcrossARestart() {
		Path file = this.dir.resolve("kv.sqlite");
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withToken("t").withPersistPath(file);
		String id;
		String renamed;
		try (KVEmulator first = KVEmulator.start(options)) {
			Api api = new Api(first.baseUrl(), "t", "acct");
			id = api.createNamespace("kept");
			renamed = api.createNamespace("to-rename");
			String gone = api.createNamespace("deleted");
			api.putJson(api.namespace(renamed), "{\"title\":\"renamed\"}");
			api.delete(api.namespace(gone));
			Api.Multipart body = Api.multipart("value", "v", "metadata", "{\"m\":1}");
			api.put(api.namespace(id) + "/values/a%2Fb", body.body(), "Content-Type", body.contentType());
		}

		try (KVEmulator second = KVEmulator.start(options)) {
			Api api = new Api(second.baseUrl(), "t", "acct");
			JsonNode listed = Api.json(api.get(api.namespaces() + "?per_page=100&order=title"));

			assertThat(listed.get("result").findValuesAsString("title")).containsExactly("kept", "renamed");
			assertThat(new String(api.get(api.namespace(id) + "/values/a%2Fb").body())).isEqualTo("v");
			assertThat(Api.json(api.get(api.namespace(id) + "/metadata/a%2Fb")).get("result").toString())
				.isEqualTo("{\"m\":1}");
			assertThat(api.createNamespace("new-after-restart")).matches("[0-9a-f]{32}");
			assertThat(Api.errorCode(api.post(api.namespaces(), "{\"title\":\"kept\"}"))).isEqualTo(10014);
		}
	}

}
