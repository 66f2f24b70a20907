package io.github.workerskv.kv.autoconfigure.flags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.workerskv.kv.flags.DocumentMetadata;
import io.github.workerskv.kv.flags.FeatureFlagsListener;
import io.github.workerskv.kv.flags.FlagEvaluation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns what the flag service and the admin report ({@link FeatureFlagsListener}) into Micrometer counters:
 * <ul>
 * <li>{@value #EVALUATIONS}: evaluations, tagged {@code flag}, {@code variant} ({@code none} for plain values and
 * defaults) and {@code reason} ({@code STATIC}, {@code TARGETING_MATCH}, {@code DEFAULT}, {@code DISABLED},
 * {@code STALE}, {@code ERROR});</li>
 * <li>{@value #REFRESHES}: reads of the global document, tagged {@code outcome}: {@code changed},
 * {@code unchanged} or {@code failure};</li>
 * <li>{@value #USER_READ_FAILURES}: failed reads of users' documents;</li>
 * <li>{@value #ADMIN_WRITES}: documents the admin wrote, tagged {@code document}: {@code global} or
 * {@code user}.</li>
 * </ul>
 * The {@link MeterRegistry} is looked up at the first event. Meters appear with their first event.
 */
final class KVFlagsMetricsListener implements FeatureFlagsListener {

	static final String EVALUATIONS = "kv.flags.evaluations";

	static final String REFRESHES = "kv.flags.refreshes";

	static final String USER_READ_FAILURES = "kv.flags.user.read.failures";

	static final String ADMIN_WRITES = "kv.flags.admin.writes";

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final String globalKey;

	private final Map<Object, Counter> counters = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	KVFlagsMetricsListener(ObjectProvider<MeterRegistry> meterRegistry, String keyPrefix) {
		this.meterRegistry = meterRegistry;
		this.globalKey = keyPrefix + "global";
	}

	@Override
	public void evaluated(String flag, FlagEvaluation<?> evaluation) {
		String variant = (evaluation.variant() != null) ? evaluation.variant() : "none";
		String reason = evaluation.reason().name();
		this.counters.computeIfAbsent(new EvaluationKey(flag, variant, reason), (key) -> Counter.builder(EVALUATIONS)
			.description("Feature flag evaluations, by flag, variant and reason")
			.tag("flag", flag)
			.tag("variant", variant)
			.tag("reason", reason)
			.register(registry())).increment();
	}

	@Override
	public void refreshed(@Nullable Long version, boolean changed) {
		refresh(changed ? "changed" : "unchanged");
	}

	@Override
	public void readFailed(String key, Throwable error) {
		if (key.equals(this.globalKey)) {
			refresh("failure");
		}
		else {
			counter(USER_READ_FAILURES, "Failed reads of users' flag documents", null, null).increment();
		}
	}

	@Override
	public void written(String key, DocumentMetadata metadata) {
		counter(ADMIN_WRITES, "Flag documents written by the admin, by document", "document",
				key.equals(this.globalKey) ? "global" : "user").increment();
	}

	private void refresh(String outcome) {
		counter(REFRESHES, "Reads of the global flag document, by outcome", "outcome", outcome).increment();
	}

	private Counter counter(String name, String description, @Nullable String tag, @Nullable String value) {
		return this.counters.computeIfAbsent(name + ' ' + value, (key) -> {
			Counter.Builder builder = Counter.builder(name).description(description);
			if (tag != null && value != null) {
				builder.tag(tag, value);
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

	private record EvaluationKey(String flag, String variant, String reason) {
	}

}
