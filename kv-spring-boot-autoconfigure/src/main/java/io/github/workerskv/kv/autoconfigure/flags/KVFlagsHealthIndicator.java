package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FlagsState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the feature flags, from {@link FeatureFlags#state()}; it never calls KV.
 *
 * <ul>
 * <li>UP while the last read succeeded, with {@code globalVersion}, {@code lastRefresh} and counts;</li>
 * <li>UP with {@code stale: true}, {@code staleSince} and {@code lastError} while reads fail: the last good
 * documents keep answering, which is the point of holding them, so an outage of KV does not take the
 * application out of service;</li>
 * <li>DOWN when no read has ever succeeded (a cold start with KV down): every evaluation answers its default, with
 * reason {@code ERROR};</li>
 * <li>UNKNOWN before the first read finished.</li>
 * </ul>
 */
final class KVFlagsHealthIndicator implements HealthIndicator {

	private final FeatureFlags flags;

	KVFlagsHealthIndicator(FeatureFlags flags) {
		this.flags = flags;
	}

	@Override
	public Health health() {
		FlagsState state = this.flags.state();
		Health.Builder health = switch (state.status()) {
			case READY, STALE -> Health.up();
			case ERROR -> Health.down();
			case STARTING -> Health.unknown();
		};
		health.withDetail("status", state.status().name());
		health.withDetail("stale", state.status() == FlagsState.Status.STALE);
		if (state.staleSince() != null) {
			health.withDetail("staleSince", state.staleSince().toString());
		}
		if (state.lastError() != null) {
			health.withDetail("lastError", state.lastError());
		}
		if (state.globalVersion() != null) {
			health.withDetail("globalVersion", state.globalVersion());
		}
		if (state.lastRefresh() != null) {
			health.withDetail("lastRefresh", state.lastRefresh().toString());
		}
		return health.withDetail("refreshes", state.refreshes())
			.withDetail("failures", state.failures())
			.withDetail("cachedUsers", state.cachedUsers())
			.build();
	}

}
