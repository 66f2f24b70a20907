package io.github.workerskv.kv.autoconfigure.flags;

import java.time.Duration;
import java.time.Instant;

import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FlagsState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The flag documents' staleness as gauges: {@value #STALE} (1 while reads of KV fail and answers come from the
 * last good documents, or from the defaults when none was ever read; else 0) and {@value #STALENESS} (seconds since
 * reads started failing, 0 while they succeed).
 */
final class KVFlagsMeterBinder implements MeterBinder {

	static final String STALE = "kv.flags.stale";

	static final String STALENESS = "kv.flags.staleness";

	private final FeatureFlags flags;

	KVFlagsMeterBinder(FeatureFlags flags) {
		this.flags = flags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(STALE, this.flags, (flags) -> isStale(flags.state()) ? 1 : 0)
			.description("Whether feature flags are answered from the last good documents (or defaults) while KV fails")
			.register(registry);
		Gauge.builder(STALENESS, this.flags, (flags) -> staleness(flags.state()))
			.description("How long reads of the flag documents have been failing")
			.baseUnit("seconds")
			.register(registry);
	}

	private static boolean isStale(FlagsState state) {
		return state.status() == FlagsState.Status.STALE || state.status() == FlagsState.Status.ERROR;
	}

	private static double staleness(FlagsState state) {
		Instant since = state.staleSince();
		return (since != null) ? Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0) : 0;
	}

}
