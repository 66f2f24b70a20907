package io.github.workerskv.kv.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded store's engines side by side in one run: a read hit, a write, and a list page of 100
 * keys, in memory and in a SQLite file (WAL, {@code synchronous=FULL}, so a write waits for fsync).
 * Compare the two engines by ratio; absolute numbers depend on the disk and the machine's load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LocalStoreBenchmark {

	private static final int KEYS = 10_000;

	@Param({ "memory", "file" })
	public String engine;

	private Path directory;

	private LocalKVStore store;

	private KVNamespace kv;

	private String value;

	@Setup(Level.Trial)
	public void open() throws IOException {
		LocalKVStoreOptions options = LocalKVStoreOptions.defaults();
		if ("file".equals(this.engine)) {
			this.directory = Files.createTempDirectory("kv-bench");
			options = options.withPersistPath(this.directory.resolve("bench.db"));
		}
		this.store = LocalKVStore.create(options);
		this.kv = this.store.namespace("bench");
		this.value = "v".repeat(256);
		for (int i = 0; i < KEYS; i++) {
			this.kv.put(key(i), this.value);
		}
	}

	@TearDown(Level.Trial)
	public void close() throws IOException {
		this.store.close();
		if (this.directory != null) {
			try (var paths = Files.walk(this.directory)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Benchmark
	public String getHit() {
		return this.kv.get(key(ThreadLocalRandom.current().nextInt(KEYS)));
	}

	@Benchmark
	public void put() {
		this.kv.put(key(ThreadLocalRandom.current().nextInt(KEYS)), this.value);
	}

	@Benchmark
	public ListResult listPageOf100() {
		return this.kv.list(ListOptions.defaults().withLimit(100).withPrefix("key-0"));
	}

	private static String key(int i) {
		return "key-%05d".formatted(i);
	}

}
