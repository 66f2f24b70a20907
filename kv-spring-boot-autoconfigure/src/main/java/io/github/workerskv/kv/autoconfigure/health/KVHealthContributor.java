package io.github.workerskv.kv.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * own check until one timeout after it started, so the whole contributor answers within about one timeout
 * however many bindings there are. A single child ({@code /actuator/health/kv/FLAGS}) checks only its
 * binding. Closing it stops the checks' threads.
 */
final class KVHealthContributor implements CompositeHealthContributor, AutoCloseable {

	private final Map<String, KVNamespaceHealthIndicator> indicators;

	private final ExecutorService executor;

	/**
	 * @param indicators the bindings' indicators, in binding order
	 * @param executor their executor, shut down by {@link #close()}
	 */
	KVHealthContributor(Map<String, KVNamespaceHealthIndicator> indicators, ExecutorService executor) {
		this.indicators = new LinkedHashMap<>(indicators);
		this.executor = executor;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.indicators.get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		Map<String, HealthContributor> round = new LinkedHashMap<>();
		this.indicators.forEach((name, indicator) -> round.put(name, new Started(indicator, indicator.check())));
		return round.entrySet().stream().map((entry) -> new HealthContributors.Entry(entry.getKey(), entry.getValue()));
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/** A binding's check, started with the others. */
	private static final class Started implements HealthIndicator {

		private final KVNamespaceHealthIndicator indicator;

		private final KVNamespaceHealthIndicator.Check check;

		Started(KVNamespaceHealthIndicator indicator, KVNamespaceHealthIndicator.Check check) {
			this.indicator = indicator;
			this.check = check;
		}

		@Override
		public Health health() {
			return this.indicator.await(this.check);
		}

	}

}
