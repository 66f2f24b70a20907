package io.github.workerskv.kv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so expiry is tested without sleeping. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	public static MutableClock at(long epochSecond) {
		return new MutableClock(Instant.ofEpochSecond(epochSecond));
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public long epochSecond() {
		return this.now.getEpochSecond();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
