package io.github.workerskv.kv.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kv} health contributor: one child per binding, all checked at the same time.
 *
 * <p>When the health endpoint reads every child ({@code /actuator/health}, {@code /actuator/health/kv}) it
 * asks for the entries once, and that starts every binding's check at once; each child then waits for its
 * own check until one timeout after that moment, so the whole contributor answers within about one timeout
 * however many bindings there are. A single child ({@code /actuator/health/kv/FLAGS}) checks only its
 * binding. Closing it stops the checks' threads.
 */
final class KVHealthContributor implements CompositeHealthContributor, AutoCloseable {

	private final Map<String, KVNamespaceHealthIndicator> indicators;

	private final KVNamespaceHealthIndicator.Settings settings;

	private final ExecutorService executor;

	/**
	 * @param indicators the bindings' indicators, in binding order
	 * @param settings what they share (the timeout)
	 * @param executor their executor, shut down by {@link #close()}
	 */
	KVHealthContributor(Map<String, KVNamespaceHealthIndicator> indicators, KVNamespaceHealthIndicator.Settings settings,
			ExecutorService executor) {
		this.indicators = new LinkedHashMap<>(indicators);
		this.settings = settings;
		this.executor = executor;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.indicators.get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		Map<String, HealthContributor> round = new LinkedHashMap<>();
		this.indicators.forEach((name, indicator) -> round.put(name, new Started(indicator, indicator.check(), deadline)));
		return round.entrySet().stream().map((entry) -> new HealthContributors.Entry(entry.getKey(), entry.getValue()));
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/** A binding's check started with the others, answered by the round's deadline. */
	private static final class Started implements HealthIndicator {

		private final KVNamespaceHealthIndicator indicator;

		private final CompletableFuture<Health> check;

		private final long deadline;

		Started(KVNamespaceHealthIndicator indicator, CompletableFuture<Health> check, long deadline) {
			this.indicator = indicator;
			this.check = check;
			this.deadline = deadline;
		}

		@Override
		public Health health() {
			return this.indicator.await(this.check, this.deadline);
		}

	}

}
