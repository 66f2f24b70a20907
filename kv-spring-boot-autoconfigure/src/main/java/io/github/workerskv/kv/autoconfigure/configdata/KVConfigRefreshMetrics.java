package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The refresh's counts as the meter {@code kv.config.refreshes}, tagged {@code outcome}: {@code changed},
 * {@code unchanged} or {@code failed}, one per import per pass.
 */
final class KVConfigRefreshMetrics implements MeterBinder {

	private final KVConfigWatcher watcher;

	KVConfigRefreshMetrics(KVConfigWatcher watcher) {
		this.watcher = watcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "changed", KVConfigWatcher::changed);
		counter(registry, "unchanged", KVConfigWatcher::unchanged);
		counter(registry, "failed", KVConfigWatcher::failed);
	}

	private void counter(MeterRegistry registry, String outcome, ToLongFunction<KVConfigWatcher> count) {
		FunctionCounter.builder("kv.config.refreshes", this.watcher, (watcher) -> count.applyAsLong(watcher))
			.description("Reads of configuration imported from KV by the refresh, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
