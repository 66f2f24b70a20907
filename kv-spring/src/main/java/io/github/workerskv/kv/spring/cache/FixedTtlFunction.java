package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A {@link TtlFunction} that gives every entry the same time to live. */
record FixedTtlFunction(Duration ttl) implements TtlFunction {

	static final FixedTtlFunction PERSISTENT = new FixedTtlFunction(Duration.ZERO);

	FixedTtlFunction {
		Objects.requireNonNull(ttl, "ttl must not be null");
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("A time to live must not be negative (was " + ttl
					+ "); use Duration.ZERO for entries that never expire");
		}
	}

	@Override
	public Duration getTimeToLive(Object key, @Nullable Object value) {
		return this.ttl;
	}

}
