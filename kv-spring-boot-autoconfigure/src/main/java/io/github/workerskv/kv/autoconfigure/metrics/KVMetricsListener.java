package io.github.workerskv.kv.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.cloudflare.CloudflareIOException;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns what the namespaces report ({@link KVListener}) into Micrometer meters, each tagged {@code binding}
 * and {@code operation}:
 * <ul>
 * <li>{@value #OPERATIONS}: a timer of every call, also tagged {@code outcome} ({@code hit}, {@code miss},
 * {@code success}, {@code rate_limited}, {@code error});</li>
 * <li>{@value #BULK_KEYS}: the keys bulk reads asked for, also tagged {@code outcome} ({@code hit} or
 * {@code miss});</li>
 * <li>{@value #RATE_LIMITED}: HTTP 429 answers from Cloudflare, retried or not;</li>
 * <li>{@value #RETRIES}: attempts followed by another one, also tagged {@code cause} ({@code rate_limited},
 * {@code server_error} or {@code io});</li>
 * <li>{@value #EXHAUSTED}: retryable calls that failed for good;</li>
 * <li>{@value #BULK_RESENT}: keys that bulk calls sent again after {@code unsuccessful_keys};</li>
 * <li>{@value #COALESCED}: paced writes replaced by a later write of the same key before being sent;</li>
 * <li>{@value #UNSENT}: accepted paced writes that could not be sent;</li>
 * <li>{@value #BUDGET_WAIT}: a timer of the waits for room in the request budget.</li>
 * </ul>
 * The {@link MeterRegistry} is looked up at the first event, so that the store or client (created before
 * the registry is complete) can hold this listener. Meters appear with their first event.
 */
final class KVMetricsListener implements KVListener {

	static final String OPERATIONS = "kv.operations";

	static final String BULK_KEYS = "kv.bulk.keys";

	static final String RATE_LIMITED = "kv.rate_limited";

	static final String RETRIES = "kv.retries";

	static final String EXHAUSTED = "kv.retries.exhausted";

	static final String BULK_RESENT = "kv.bulk.resent";

	static final String COALESCED = "kv.writes.coalesced";

	static final String UNSENT = "kv.writes.unsent";

	static final String BUDGET_WAIT = "kv.budget.wait";

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	KVMetricsListener(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onOperation(KVOperationEvent event) {
		String binding = event.binding();
		String operation = event.operation().tagValue();
		String outcome = event.outcome().tagValue();
		this.timers.computeIfAbsent(OPERATIONS + ' ' + binding + ' ' + operation + ' ' + outcome, (key) -> Timer
			.builder(OPERATIONS)
			.description("Workers KV calls, by binding, operation and outcome")
			.tag("binding", binding)
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(registry())).record(event.duration());
		if (event.operation() == KVOperation.GET_BULK && event.failure() == null) {
			bulkKeys(binding, operation, "hit").increment(event.hits());
			bulkKeys(binding, operation, "miss").increment(event.keys() - event.hits());
		}
	}

	@Override
	public void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
		counter(RATE_LIMITED, "HTTP 429 answers from Cloudflare", binding, operation, null).increment();
	}

	@Override
	public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
		counter(RETRIES, "Workers KV attempts that were retried", binding, operation, cause(failure)).increment();
	}

	@Override
	public void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
		counter(EXHAUSTED, "Workers KV calls that failed after their retries", binding, operation, null).increment();
	}

	@Override
	public void onBulkKeysResent(String binding, String operation, int keys) {
		counter(BULK_RESENT, "Keys that bulk calls sent again after unsuccessful_keys", binding, operation, null)
			.increment(keys);
	}

	@Override
	public void onWriteCoalesced(String binding, String operation) {
		counter(COALESCED, "Paced writes replaced by a later write of the same key", binding, operation, null)
			.increment();
	}

	@Override
	public void onBudgetWait(String binding, String operation, Duration waited) {
		this.timers.computeIfAbsent(BUDGET_WAIT + ' ' + binding + ' ' + operation, (key) -> Timer.builder(BUDGET_WAIT)
			.description("Waits for room in the account-wide request budget")
			.tag("binding", binding)
			.tag("operation", operation)
			.register(registry())).record(waited);
	}

	@Override
	public void onWriteFailed(String binding, String operation, String key, Throwable failure) {
		counter(UNSENT, "Accepted paced writes that could not be sent", binding, operation, null).increment();
	}

	private Counter bulkKeys(String binding, String operation, String outcome) {
		return this.counters.computeIfAbsent(BULK_KEYS + ' ' + binding + ' ' + operation + ' ' + outcome,
				(key) -> Counter.builder(BULK_KEYS)
					.description("Keys asked for by Workers KV bulk reads, by binding and whether they were found")
					.tag("binding", binding)
					.tag("operation", operation)
					.tag("outcome", outcome)
					.register(registry()));
	}

	private Counter counter(String name, String description, String binding, String operation, @Nullable String cause) {
		return this.counters.computeIfAbsent(name + ' ' + binding + ' ' + operation + ' ' + cause, (key) -> {
			Counter.Builder builder = Counter.builder(name)
				.description(description)
				.tag("binding", binding)
				.tag("operation", operation);
			if (cause != null) {
				builder.tag("cause", cause);
			}
			return builder.register(registry());
		});
	}

	private MeterRegistry registry() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			registry = this.meterRegistry.getObject();
			this.registry = registry;
		}
		return registry;
	}

	private static String cause(Throwable failure) {
		if (failure instanceof CloudflareRateLimitException) {
			return "rate_limited";
		}
		return (failure instanceof CloudflareIOException) ? "io" : "server_error";
	}

}
