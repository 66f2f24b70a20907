package io.github.workerskv.kv.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Rows 1–3 of the table, and the transport question: the REST client ({@code KVNamespace.get/put} of a
 * 1 KiB value) over the JDK's client against a bare {@code java.net.http.HttpClient} making the same requests
 * (and, with more than one caller, against one that also sends the client's headers and per-request timeout);
 * the bare JDK client against bare Jetty and Reactor Netty clients; and the REST client over Jetty's client
 * against itself over the JDK's and against bare Jetty ({@code --jetty true} runs these), all to one emulator
 * in its own JVM, with 1 and 16 callers; throughput and this process's CPU time per operation.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.RestVsBareHttp \
 *     [--seconds 2] [--rounds 5] [--keys 1000] [--callers 1,16] [--ops get,put] [--jetty true]
 * </pre>
 */
public final class RestVsBareHttp {

	private RestVsBareHttp() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		Duration seconds = options.seconds("seconds", 2);
		int rounds = options.integer("rounds", 5);
		int keys = options.integer("keys", 1000);
		List<Integer> callerCounts = List.of(options.text("callers", "1,16").split(",")).stream().map(Integer::parseInt).toList();
		List<String> ops = List.of(options.text("ops", "get,put").split(","));
		boolean jetty = Boolean.parseBoolean(options.text("jetty", "true"));
		Report report = Report.open();
		try (Children.Emulator emulator = new Children.Emulator();
				CloudflareKVClient client = Bench.client(emulator.baseUrl(), HttpClientType.JDK);
				CloudflareKVClient overJetty = Bench.client(emulator.baseUrl(), HttpClientType.JETTY);
				BareJdk bare = new BareJdk(emulator.baseUrl(), false); BareJdk bareAsOurs = new BareJdk(emulator.baseUrl(), true);
				BareJetty bareJetty = new BareJetty(emulator.baseUrl()); BareNetty bareNetty = new BareNetty(emulator.baseUrl())) {
			String namespaceId = Bench.namespaceWithKeys(client, "rest-vs-bare", keys);
			KVNamespace kv = client.namespace(namespaceId);
			KVNamespace kvOverJetty = overJetty.namespace(namespaceId);
			String path = Bench.valuesPath(namespaceId);
			for (String op : ops) {
				ClosedLoop.Operation ours = op.equals("get") ? (c, i) -> check(kv.get(Bench.key(c * 7919 + i, keys)))
						: (c, i) -> kv.put(Bench.key(c * 7919 + i, keys), Bench.VALUE);
				ClosedLoop.Operation oursOverJetty = op.equals("get") ? (c, i) -> check(kvOverJetty.get(Bench.key(c * 7919 + i, keys)))
						: (c, i) -> kvOverJetty.put(Bench.key(c * 7919 + i, keys), Bench.VALUE);
				ClosedLoop.Operation jdk = op.equals("get") ? (c, i) -> bare.get(path + Bench.key(c * 7919 + i, keys))
						: (c, i) -> bare.put(path + Bench.key(c * 7919 + i, keys));
				ClosedLoop.Operation jdkAsOurs = op.equals("get") ? (c, i) -> bareAsOurs.get(path + Bench.key(c * 7919 + i, keys))
						: (c, i) -> bareAsOurs.put(path + Bench.key(c * 7919 + i, keys));
				ClosedLoop.Operation nettyOp = op.equals("get") ? (c, i) -> bareNetty.get(path + Bench.key(c * 7919 + i, keys))
						: (c, i) -> bareNetty.put(path + Bench.key(c * 7919 + i, keys));
				ClosedLoop.Operation jettyOp = op.equals("get") ? (c, i) -> bareJetty.get(path + Bench.key(c * 7919 + i, keys))
						: (c, i) -> bareJetty.put(path + Bench.key(c * 7919 + i, keys));
				for (int callers : callerCounts) {
					ClosedLoop.run(callers, Bench.warmUp(seconds), ours);
					ClosedLoop.run(callers, Bench.warmUp(seconds), jdk);
					ClosedLoop.Result[] last = new ClosedLoop.Result[2];
					double[] cpu = new double[2];
					java.util.List<Double> cpuRatios = new java.util.ArrayList<>();
					Rounds.Result throughput = Rounds.alternate(rounds, () -> {
						last[0] = ClosedLoop.run(callers, seconds, ours);
						cpu[0] = last[0].cpuMicrosPerOp();
						return last[0].opsPerSecond();
					}, () -> {
						last[1] = ClosedLoop.run(callers, seconds, jdk);
						cpu[1] = last[1].cpuMicrosPerOp();
						cpuRatios.add(cpu[0] / cpu[1]);
						return last[1].opsPerSecond();
					}, (a, b) -> a / b);
					// cpuRatios pairs each B with the A measured just before or after it in the same round.
					Rounds.Result cpuResult = new Rounds.Result(List.of(), List.of(), cpuRatios);
					String what = String.format(Locale.ROOT, "REST client (JDK transport) vs bare JDK HttpClient, 1 KiB %s, %d caller%s",
							op.toUpperCase(Locale.ROOT), callers, (callers == 1) ? "" : "s");
					report.figure(what, ops(throughput.medianA()), ops(throughput.medianB()), throughput.ratioText(), "≥ 1.0×",
							throughput.median() >= 1.0);
					report.rounds(what, "req/s", throughput);
					report.figure("client CPU per operation vs bare, " + op.toUpperCase(Locale.ROOT) + ", " + callers
							+ " caller" + ((callers == 1) ? "" : "s"), String.format(Locale.ROOT, "%.0f µs", cpu[0]),
							String.format(Locale.ROOT, "%.0f µs", cpu[1]), cpuResult.ratioText(), "≤ 1.05×",
							cpuResult.median() <= 1.05);
					report.rounds("CPU per op, ours / bare, " + op + " " + callers, "ratio", cpuResult);
					if (jetty && callers > 1) {
						ClosedLoop.run(callers, Bench.warmUp(seconds), jettyOp);
						Rounds.Result transports = Rounds.alternate(rounds,
								() -> ClosedLoop.run(callers, seconds, jettyOp).opsPerSecond(),
								() -> ClosedLoop.run(callers, seconds, jdk).opsPerSecond(), (a, b) -> a / b);
						String title = String.format(Locale.ROOT, "bare Jetty HttpClient vs bare JDK HttpClient, 1 KiB %s, %d callers",
								op.toUpperCase(Locale.ROOT), callers);
						report.figure(title, ops(transports.medianA()), ops(transports.medianB()), transports.ratioText(),
								"≥ 1.3× to offer it", transports.median() >= 1.3);
						report.rounds(title, "req/s", transports);
						ClosedLoop.run(callers, Bench.warmUp(seconds), nettyOp);
						Rounds.Result netty = Rounds.alternate(rounds,
								() -> ClosedLoop.run(callers, seconds, nettyOp).opsPerSecond(),
								() -> ClosedLoop.run(callers, seconds, jdk).opsPerSecond(), (a, b) -> a / b);
						String nettyTitle = String.format(Locale.ROOT,
								"bare Reactor Netty HttpClient vs bare JDK HttpClient, 1 KiB %s, %d callers", op.toUpperCase(Locale.ROOT),
								callers);
						report.figure(nettyTitle, ops(netty.medianA()), ops(netty.medianB()), netty.ratioText(),
								"≥ 1.3× to offer it", netty.median() >= 1.3);
						report.rounds(nettyTitle, "req/s", netty);
					}
					if (callers > 1) {
						comparePaired(report, rounds, callers, seconds, ours, jdkAsOurs, String.format(Locale.ROOT,
								"REST client (JDK transport) vs a bare JDK HttpClient with the same headers and per-request timeout, 1 KiB %s, %d callers",
								op.toUpperCase(Locale.ROOT), callers), "≥ 1.0×", 1.0);
					}
					if (jetty) {
						comparePaired(report, rounds, callers, seconds, oursOverJetty, ours, String.format(Locale.ROOT,
								"REST client, Jetty transport vs JDK transport, 1 KiB %s, %d caller%s", op.toUpperCase(Locale.ROOT),
								callers, (callers == 1) ? "" : "s"), (callers > 1) ? "≥ 1.3×" : "≥ 1.0×", (callers > 1) ? 1.3 : 1.0);
						if (callers > 1) {
							comparePaired(report, rounds, callers, seconds, oursOverJetty, jettyOp, String.format(Locale.ROOT,
									"REST client (Jetty transport) vs bare Jetty HttpClient, 1 KiB %s, %d callers",
									op.toUpperCase(Locale.ROOT), callers), "≥ 1.0×", 1.0);
						}
					}
				}
			}
		}
		report.failures("RestVsBareHttp, all clients' calls", ClosedLoop.tally());
	}

	/** Throughput and CPU per operation of two clients, in the same alternating rounds: two figures. */
	private static void comparePaired(Report report, int rounds, int callers, Duration seconds, ClosedLoop.Operation a,
			ClosedLoop.Operation b, String what, String target, double atLeast) throws Exception {
		ClosedLoop.run(callers, Bench.warmUp(seconds), a);
		ClosedLoop.run(callers, Bench.warmUp(seconds), b);
		double[] cpu = new double[2];
		List<Double> cpuRatios = new java.util.ArrayList<>();
		Rounds.Result throughput = Rounds.alternate(rounds, () -> {
			ClosedLoop.Result result = ClosedLoop.run(callers, seconds, a);
			cpu[0] = result.cpuMicrosPerOp();
			return result.opsPerSecond();
		}, () -> {
			ClosedLoop.Result result = ClosedLoop.run(callers, seconds, b);
			cpu[1] = result.cpuMicrosPerOp();
			cpuRatios.add(cpu[0] / cpu[1]);
			return result.opsPerSecond();
		}, (x, y) -> x / y);
		Rounds.Result cpuResult = new Rounds.Result(List.of(), List.of(), cpuRatios);
		report.figure(what, ops(throughput.medianA()), ops(throughput.medianB()), throughput.ratioText(), target,
				throughput.median() >= atLeast);
		report.rounds(what, "req/s", throughput);
		report.figure("client CPU per operation, same comparison", String.format(Locale.ROOT, "%.0f µs", cpu[0]),
				String.format(Locale.ROOT, "%.0f µs", cpu[1]), cpuResult.ratioText(), "≤ 1.05×", cpuResult.median() <= 1.05);
		report.rounds("CPU per op: " + what, "ratio", cpuResult);
	}

	static String ops(double perSecond) {
		return String.format(Locale.ROOT, "%,.0f req/s", perSecond);
	}

	private static void check(String value) {
		if (value == null || value.length() != 1024) {
			throw new IllegalStateException("GET returned " + ((value == null) ? "nothing" : value.length() + " characters"));
		}
	}

	/**
	 * What a user of {@code java.net.http} writes by hand: one client, a request per call, the body as bytes.
	 * {@code asOurs} adds what the REST client sends beside that: {@code Accept} and {@code User-Agent} headers
	 * and a per-request timeout (the JDK registers a timer with its selector for each), so that comparing with it
	 * shows the cost of the client's own code alone.
	 */
	static final class BareJdk implements AutoCloseable {

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final String base;

		private final byte[] value = Bench.VALUE.getBytes(StandardCharsets.UTF_8);

		private final boolean asOurs;

		BareJdk(URI baseUrl, boolean asOurs) {
			this.base = baseUrl.toString();
			this.asOurs = asOurs;
		}

		void get(String path) throws Exception {
			HttpResponse<byte[]> response = this.client.send(request(path, "application/octet-stream").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200 || response.body().length != 1024) {
				throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
			}
		}

		void put(String path) throws Exception {
			HttpResponse<byte[]> response = this.client.send(request(path, "application/json").header("Content-Type", "application/octet-stream")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(this.value)).build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("PUT " + path + ": HTTP " + response.statusCode());
			}
		}

		private HttpRequest.Builder request(String path, String accept) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Authorization", "Bearer " + EmulatorServer.TOKEN);
			if (this.asOurs) {
				builder.timeout(Duration.ofSeconds(60)).header("Accept", accept).header("User-Agent", "kv-benchmarks");
			}
			return builder;
		}

		@Override
		public void close() {
			// java.net.http.HttpClient of Java 17 has no close; its threads end with the JVM.
		}

	}

	/** The same requests with Jetty's HttpClient. */
	static final class BareJetty implements AutoCloseable {

		private final org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();

		private final String base;

		private final byte[] value = Bench.VALUE.getBytes(StandardCharsets.UTF_8);

		BareJetty(URI baseUrl) throws Exception {
			this.base = baseUrl.toString();
			this.client.setMaxConnectionsPerDestination(64);
			this.client.start();
		}

		void get(String path) throws Exception {
			ContentResponse response = this.client.newRequest(this.base + path)
				.method(HttpMethod.GET)
				.headers((headers) -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + EmulatorServer.TOKEN))
				.send();
			if (response.getStatus() != 200 || response.getContent().length != 1024) {
				throw new IllegalStateException("GET " + path + ": HTTP " + response.getStatus());
			}
		}

		void put(String path) throws Exception {
			ContentResponse response = this.client.newRequest(this.base + path)
				.method(HttpMethod.PUT)
				.headers((headers) -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + EmulatorServer.TOKEN))
				.body(new BytesRequestContent("application/octet-stream", this.value))
				.send();
			if (response.getStatus() != 200) {
				throw new IllegalStateException("PUT " + path + ": HTTP " + response.getStatus());
			}
		}

		@Override
		public void close() throws Exception {
			this.client.stop();
		}

	}

}
