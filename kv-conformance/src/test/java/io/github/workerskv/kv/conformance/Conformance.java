package io.github.workerskv.kv.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.emulator.RequestLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the conformance tests share: the credentials the emulator is started with, JSON, store helpers. */
final class Conformance {

	static final String TOKEN = "conformance-t0ken-never-printed";

	static final String ACCOUNT = "0f2ac74b498b48028cb68387c421e279";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Conformance() {
	}

	/** @return an emulator with one token and one account, as a real account would be */
	static KVEmulatorOptions options() {
		return KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT);
	}

	/**
	 * Counts the requests that match, from now on. The emulator has no request log, so this queues a
	 * script entry in its faults whose predicate counts what it sees and never matches; as scripts are
	 * tried in order, add counters before any scripted fault. {@code faults().reset()} removes them.
	 * @param emulator the emulator
	 * @param method the HTTP method
	 * @param pathRegex found in the raw path
	 * @return the counter
	 */
	static IntSupplier countRequests(KVEmulator emulator, String method, String pathRegex) {
		Predicate<RequestLine> matching = RequestLine.matching(method, pathRegex);
		AtomicInteger count = new AtomicInteger();
		emulator.faults().next(1, (line) -> {
			if (matching.test(line)) {
				count.incrementAndGet();
			}
			return false;
		}, Fault.delay(Duration.ZERO));
		return count::get;
	}

	/**
	 * Cuts the JSON document out of a CLI's output, which may print a banner before it and
	 * "Success!" after it.
	 * @param output the output
	 * @return the JSON
	 */
	static JsonNode json(String output) {
		int start = output.indexOf('{');
		int arrayStart = output.indexOf('[');
		if (start < 0 || (arrayStart >= 0 && arrayStart < start)) {
			start = arrayStart;
		}
		int end = Math.max(output.lastIndexOf('}'), output.lastIndexOf(']'));
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("No JSON in the output:\n" + output);
		}
		return JSON.readTree(output.substring(start, end + 1));
	}

	/**
	 * Creates namespaces over HTTP, as only the API can.
	 * @param emulator the emulator
	 * @param prefix the titles' prefix; a four-digit number follows
	 * @param count how many
	 * @return their ids, in creation order
	 */
	static List<String> createNamespaces(KVEmulator emulator, String prefix, int count) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<String> ids = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create(emulator.baseUrl() + "/accounts/" + ACCOUNT + "/storage/kv/namespaces"))
					.timeout(Duration.ofSeconds(30))
					.header("Authorization", "Bearer " + TOKEN)
					.POST(HttpRequest.BodyPublishers.ofString(String.format("{\"title\":\"%s%04d\"}", prefix, i)))
					.build();
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				ids.add(JSON.readTree(response.body()).at("/result/id").asString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return ids;
	}

	/**
	 * @param namespace a namespace of the emulator's store
	 * @return every key name in it, in list order
	 */
	static List<String> keys(KVNamespace namespace) {
		List<String> names = new ArrayList<>();
		ListOptions options = ListOptions.defaults();
		for (int page = 0; page < 1000; page++) {
			ListResult result = namespace.list(options);
			result.keys().stream().map(KVKey::name).forEach(names::add);
			if (result.listComplete()) {
				break;
			}
			options = options.withCursor(result.cursor());
		}
		return names;
	}

}
