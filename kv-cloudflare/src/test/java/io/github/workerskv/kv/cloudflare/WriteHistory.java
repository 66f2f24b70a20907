package io.github.workerskv.kv.cloudflare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What one client told the writers of each key, in the order the writes were made, and whether a key's final
 * value is one those answers allow. Each key has one writer, so its writes do not overlap and their order is
 * the order of their acknowledgements.
 *
 * <p>What each answer allows, as a linearizability checker treats a register:
 * <ul>
 * <li>{@link Outcome#ACKNOWLEDGED}: the write took effect before its call returned.</li>
 * <li>{@link Outcome#FAILED}: the write took effect before its call returned, or never; the server had
 * answered it, so no attempt of it can land afterwards.</li>
 * <li>{@link Outcome#UNKNOWN}: the write may take effect at any time after it was made, later writes of
 * the key included (an attempt of it got no answer).</li>
 * </ul>
 * So a key may end with the value of its last acknowledged write (missing if there was none), of a failed
 * write made after that one, or of any write with an unknown outcome. The bug of issue 14's finding 3 is a
 * key that ends with the value of an acknowledged write made before the last acknowledged one.
 */
final class WriteHistory {

	/** What a write's caller was told. */
	enum Outcome {

		/** The call returned. */
		ACKNOWLEDGED,

		/** The call failed after the server answered every attempt (or none was sent). */
		FAILED,

		/** The call failed with {@link CloudflareAmbiguousWriteException}: an attempt may still land. */
		UNKNOWN;

		/**
		 * @param failure what the call threw, or {@code null} if it returned
		 * @return what the caller was told
		 */
		static Outcome of(@Nullable Throwable failure) {
			if (failure == null) {
				return ACKNOWLEDGED;
			}
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof CloudflareAmbiguousWriteException) {
					return UNKNOWN;
				}
			}
			return FAILED;
		}

	}

	/**
	 * One write.
	 * @param value the value written, {@code null} for a delete
	 * @param outcome what its caller was told
	 */
	record Write(@Nullable String value, Outcome outcome) {
	}

	private final Map<String, List<Write>> writes = new LinkedHashMap<>();

	/**
	 * @param key the key
	 * @param value the value written, {@code null} for a delete
	 * @param outcome what the caller was told
	 */
	synchronized void record(String key, @Nullable String value, Outcome outcome) {
		this.writes.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add(new Write(value, outcome));
	}

	/**
	 * Makes a write and records what its caller was told.
	 * @param key the key
	 * @param value the value written, {@code null} for a delete
	 * @param write the call
	 * @return what the caller was told
	 */
	Outcome write(String key, @Nullable String value, Runnable write) {
		RuntimeException failure = null;
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		Outcome outcome = Outcome.of(failure);
		record(key, value, outcome);
		return outcome;
	}

	/** @return every key written, in the order first written */
	synchronized List<String> keys() {
		return List.copyOf(this.writes.keySet());
	}

	/**
	 * @param key a key
	 * @return the values the key may end with (a {@code null} for missing)
	 */
	synchronized Set<@Nullable String> allowed(String key) {
		List<Write> history = this.writes.getOrDefault(key, List.of());
		int last = -1;
		for (int i = 0; i < history.size(); i++) {
			if (history.get(i).outcome() == Outcome.ACKNOWLEDGED) {
				last = i;
			}
		}
		Set<@Nullable String> allowed = new HashSet<>();
		allowed.add((last >= 0) ? history.get(last).value() : null);
		for (int i = 0; i < history.size(); i++) {
			Write write = history.get(i);
			if (write.outcome() == Outcome.UNKNOWN || (write.outcome() == Outcome.FAILED && i > last)) {
				allowed.add(write.value());
			}
		}
		return allowed;
	}

	/**
	 * @param key a key
	 * @return the value of its last acknowledged write, {@code null} if none or a delete
	 */
	synchronized @Nullable String lastAcknowledged(String key) {
		String value = null;
		for (Write write : this.writes.getOrDefault(key, List.of())) {
			if (write.outcome() == Outcome.ACKNOWLEDGED) {
				value = write.value();
			}
		}
		return value;
	}

	/**
	 * @param finalValue the value each key ended with
	 * @return one line per key whose final value its history does not allow, with that history
	 */
	synchronized List<String> violations(Function<String, @Nullable String> finalValue) {
		List<String> violations = new ArrayList<>();
		for (Map.Entry<String, List<Write>> entry : this.writes.entrySet()) {
			String value = finalValue.apply(entry.getKey());
			if (!allowed(entry.getKey()).contains(value)) {
				violations.add(entry.getKey() + " ended with " + value + " after " + entry.getValue());
			}
		}
		return violations;
	}

	/**
	 * @param outcome an outcome
	 * @return how many writes had it
	 */
	synchronized int count(Outcome outcome) {
		return (int) this.writes.values().stream().flatMap(List::stream).filter((w) -> w.outcome() == outcome).count();
	}

}
