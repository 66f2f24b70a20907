package io.github.workerskv.kv.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.cloudflare.CloudflareRetryExhaustedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records the {@value #OPERATIONS} timer and the {@value #BULK_KEYS} counter of one binding.
 *
 * <p>A call's outcome is {@code hit} or {@code miss} for a single read, {@code success} for every other
 * call that returned, {@code rate_limited} when it failed with a {@link CloudflareRateLimitException} (HTTP
 * 429, also after retries), and {@code error} for any other failure, validation errors included. Asynchronous calls are timed
 * until their future completes.
 */
final class KVOperationRecorder {

	/** Timer of every call, tagged {@code binding}, {@code operation} and {@code outcome}. */
	static final String OPERATIONS = "kv.operations";

	/** Counter of the keys that bulk reads asked for, tagged {@code binding}, {@code operation} and {@code outcome} (hit or miss). */
	static final String BULK_KEYS = "kv.bulk.keys";

	static final String HIT = "hit";

	static final String MISS = "miss";

	static final String SUCCESS = "success";

	static final String ERROR = "error";

	static final String RATE_LIMITED = "rate_limited";

	private final MeterRegistry registry;

	private final String binding;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	KVOperationRecorder(MeterRegistry registry, String binding) {
		this.registry = registry;
		this.binding = binding;
	}

	String binding() {
		return this.binding;
	}

	/** Times a call whose outcome depends on its result. */
	<T> T record(String operation, Supplier<T> call, Function<? super T, String> outcome) {
		Timer.Sample sample = Timer.start(this.registry);
		T result;
		try {
			result = call.get();
		}
		catch (RuntimeException | Error ex) {
			stop(sample, operation, failure(ex));
			throw ex;
		}
		stop(sample, operation, outcome.apply(result));
		return result;
	}

	/** Times a call that returns nothing and succeeds unless it throws. */
	void record(String operation, Runnable call) {
		record(operation, () -> {
			call.run();
			return SUCCESS;
		}, Function.identity());
	}

	/** Times an asynchronous call until its future completes; returns the very same future. */
	<T> CompletableFuture<T> recordAsync(String operation, Supplier<CompletableFuture<T>> call,
			Function<? super T, String> outcome) {
		Timer.Sample sample = Timer.start(this.registry);
		CompletableFuture<T> future;
		try {
			future = call.get();
		}
		catch (RuntimeException | Error ex) {
			stop(sample, operation, failure(ex));
			throw ex;
		}
		future.whenComplete((result, ex) -> stop(sample, operation, (ex != null) ? failure(ex) : outcome.apply(result)));
		return future;
	}

	/** The outcome of a single read: a hit unless the key was missing. */
	static String hitOrMiss(@Nullable Object value) {
		return (value != null) ? HIT : MISS;
	}

	/** Counts the hits and misses of a bulk read and returns its outcome, {@code success}. */
	String countKeys(String operation, Map<String, ?> values) {
		long hits = values.values().stream().filter((value) -> value != null).count();
		counter(operation, HIT).increment(hits);
		counter(operation, MISS).increment(values.size() - hits);
		return SUCCESS;
	}

	static String success(@Nullable Object ignored) {
		return SUCCESS;
	}

	private void stop(Timer.Sample sample, String operation, String outcome) {
		sample.stop(this.timers.computeIfAbsent(operation + ' ' + outcome, (key) -> Timer.builder(OPERATIONS)
			.description("Workers KV calls, by binding, operation and outcome")
			.tag("binding", this.binding)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.registry)));
	}

	private Counter counter(String operation, String outcome) {
		return this.counters.computeIfAbsent(operation + ' ' + outcome, (key) -> Counter.builder(BULK_KEYS)
			.description("Keys asked for by Workers KV bulk reads, by binding and whether they were found")
			.tag("binding", this.binding)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(this.registry));
	}

	private static String failure(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof CloudflareRetryExhaustedException exhausted) {
			cause = exhausted.lastFailure();
		}
		return (cause instanceof CloudflareRateLimitException) ? RATE_LIMITED : ERROR;
	}

}
