package io.github.workerskv.kv.benchmarks;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.HttpClientType;

/**
 * Row 8 of the table: a 25 MiB value put from a stream and read back as a stream by a JVM with
 * {@code -Xmx8m} (so the value can never be in its heap), against the emulator in its own JVM, once over each
 * transport. The child
 * reports how much the heap grew: the peak of every heap pool during the transfer, and what is still
 * used after a GC, over what was used before.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.StreamHeap [--mib 25] [--xmx 8m] \
 *     [--http-clients jdk,jetty]
 * </pre>
 */
public final class StreamHeap {

	private StreamHeap() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		int mib = options.integer("mib", 25);
		String xmx = options.text("xmx", "8m");
		Report report = Report.open();
		List<HttpClientType> transports = List.of(options.text("http-clients", "jdk,jetty").split(",")).stream()
			.map((name) -> HttpClientType.valueOf(name.toUpperCase(Locale.ROOT)))
			.toList();
		try (Children.Emulator emulator = new Children.Emulator(); CloudflareKVClient client = Bench.client(emulator.baseUrl())) {
			for (HttpClientType transport : transports) {
				String namespaceId = client.createNamespace("stream-heap-" + transport).id();
				List<String> command = List.of(Children.javaBinary(), "-Xmx" + xmx, "-XX:+UseSerialGC", "-cp",
						Children.classpath((entry) -> clientEntry(entry, transport)), Child.class.getName(),
						Integer.toString(mib));
				Children.Child child = new Children.Child("stream child", command, Map.of("KV_BASE_URL",
						emulator.baseUrl().toString(), "KV_NAMESPACE", namespaceId, "KV_HTTP_CLIENT", transport.name()),
						Path.of("."));
				var answer = Children.JSON.readTree(child.awaitLine("{"));
				child.close();
				double peak = answer.get("peakGrowthBytes").asDouble() / (1 << 20);
				double retained = answer.get("retainedBytes").asDouble() / (1 << 20);
				String name = (transport == HttpClientType.JETTY) ? "Jetty" : "JDK";
				report.figure(String.format(Locale.ROOT, "%d MiB value put + get as a stream, heap growth, -Xmx%s, %s transport",
						mib, xmx, name), String.format(Locale.ROOT, "peak +%.2f MiB, retained +%.2f MiB, %s", peak, retained,
								answer.get("ok").asBoolean() ? "bytes match" : "BYTES DIFFER"),
						"the value: " + mib + " MiB", String.format(Locale.ROOT, "%.3f of the value", peak / mib),
						"O(buffer), ≤ 1.2 MiB", answer.get("ok").asBoolean() && peak <= 1.2);
				report.note(String.format(Locale.ROOT, "- %d MiB stream at -Xmx%s over the %s transport (one run): the child JVM "
						+ "reported %s", mib, xmx, name, answer));
			}
		}
	}

	/**
	 * Whether the child needs a class path entry: the benchmarks' classes and what the REST client depends on,
	 * nothing else. Every jar on the class path costs the child heap once opened (a jar's central directory is
	 * read into the heap), and a service lookup such as SLF4J's opens them all: with this benchmark's whole class
	 * path (Netty, Reactor, Jetty, Spring, JMH) an 8 MiB heap ran out before the first request.
	 */
	private static boolean clientEntry(String entry, HttpClientType transport) {
		String name = Path.of(entry).getFileName().toString();
		return !name.endsWith(".jar") || name.startsWith("kv-core-") || name.startsWith("kv-cloudflare-")
				|| name.startsWith("jackson-") || name.startsWith("jspecify-") || name.startsWith("slf4j-")
				|| name.startsWith("resilience4j-") || (transport == HttpClientType.JETTY && isJettyClient(name));
	}

	/** Jetty's client and what it depends on; not the server's jars, which the emulator's child needs. */
	private static boolean isJettyClient(String jar) {
		return jar.startsWith("jetty-client-") || jar.startsWith("jetty-http-") || jar.startsWith("jetty-io-")
				|| jar.startsWith("jetty-util-") || jar.startsWith("jetty-alpn-client-")
				|| jar.startsWith("jetty-compression-");
	}

	/** The JVM with a small heap. */
	public static final class Child {

		private Child() {
		}

		public static void main(String[] args) throws Exception {
			long size = Long.parseLong(args[0]) << 20;
			CloudflareKVConfig config = CloudflareKVConfig.of(EmulatorServer.ACCOUNT, Credentials.apiToken(EmulatorServer.TOKEN))
				.withBaseUrl(URI.create(System.getenv("KV_BASE_URL")))
				.withHttpClient(HttpClientType.valueOf(System.getenv("KV_HTTP_CLIENT")));
			try (CloudflareKVClient client = CloudflareKVClient.create(config)) {
				KVNamespace kv = client.namespace(System.getenv("KV_NAMESPACE"));
				kv.put("warm-up", "x");
				kv.get("warm-up");
				List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
					.filter((pool) -> pool.getType() == MemoryType.HEAP)
					.toList();
				System.gc();
				long before = used(heap);
				heap.forEach(MemoryPoolMXBean::resetPeakUsage);
				kv.put("big", new Pattern(size), PutOptions.none());
				boolean ok;
				try (InputStream in = kv.getStream("big")) {
					ok = in != null && Pattern.matches(in, size);
				}
				long peak = heap.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
				System.gc();
				long after = used(heap);
				System.out.println("{\"ok\":" + ok + ",\"peakGrowthBytes\":" + (peak - before) + ",\"retainedBytes\":"
						+ Math.max(0, after - before) + "}");
			}
		}

		private static long used(List<MemoryPoolMXBean> heap) {
			return heap.stream().mapToLong((pool) -> pool.getUsage().getUsed()).sum();
		}

	}

	/** {@code size} bytes of a pattern that a reader can check without keeping them. */
	static final class Pattern extends InputStream {

		private final long size;

		private long position;

		Pattern(long size) {
			this.size = size;
		}

		static int at(long position) {
			return (int) ((position * 31 + (position >>> 13)) & 0xFF);
		}

		@Override
		public int read() {
			return (this.position < this.size) ? at(this.position++) : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.position);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = (byte) at(this.position++);
			}
			return n;
		}

		static boolean matches(InputStream in, long size) throws java.io.IOException {
			byte[] buffer = new byte[8192];
			long position = 0;
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				for (int i = 0; i < n; i++) {
					if ((buffer[i] & 0xFF) != at(position++)) {
						return false;
					}
				}
			}
			return position == size;
		}

	}

}
