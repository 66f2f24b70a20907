package io.github.workerskv.kv.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code wrangler kv bulk put FILE} does, with this library, as a whole process: reads a wrangler bulk
 * JSON file ({@code [{"key":…,"value":…}, …]}, read as a stream of tokens) and writes it with one
 * {@code bulkPut}. Environment:
 * {@code KV_BASE_URL}, {@code KV_TOKEN}, {@code KV_ACCOUNT}, {@code KV_NAMESPACE}. Prints
 * {@code {"items":N,"mainMillis":…,"readMillis":…,"endMillis":…}}: the JVM's uptime when {@code main} began,
 * when the file was read and at the end.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.BulkPut FILE
 * </pre>
 */
public final class BulkPut {

	private BulkPut() {
	}

	public static void main(String[] args) throws Exception {
		long mainMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		JsonMapper json = JsonMapper.builder().build();
		List<BulkWrite> writes = new ArrayList<>();
		try (JsonParser parser = json.createParser(Path.of(args[0]).toFile())) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalArgumentException(args[0] + " is not a JSON array");
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				String key = null;
				String value = null;
				for (String name = parser.nextName(); name != null; name = parser.nextName()) {
					parser.nextToken();
					switch (name) {
						case "key" -> key = parser.getString();
						case "value" -> value = parser.getString();
						default -> parser.skipChildren();
					}
				}
				if (key == null || value == null) {
					throw new IllegalArgumentException("An item of " + args[0] + " has no key or no value");
				}
				writes.add(BulkWrite.of(key, value));
			}
		}
		long readMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		CloudflareKVConfig config = CloudflareKVConfig.of(System.getenv("KV_ACCOUNT"),
				Credentials.apiToken(System.getenv("KV_TOKEN"))).withBaseUrl(URI.create(System.getenv("KV_BASE_URL")));
		try (CloudflareKVClient client = CloudflareKVClient.create(config)) {
			BulkResult result = client.namespace(System.getenv("KV_NAMESPACE")).bulkPut(writes);
			if (!result.unsuccessfulKeys().isEmpty() || result.successfulKeyCount() != writes.size()) {
				throw new IllegalStateException("Bulk put left " + result.unsuccessfulKeys().size() + " keys unconfirmed");
			}
		}
		System.out.println("{\"items\":" + writes.size() + ",\"mainMillis\":" + mainMillis + ",\"readMillis\":" + readMillis
				+ ",\"endMillis\":" + ManagementFactory.getRuntimeMXBean().getUptime() + "}");
	}

}
