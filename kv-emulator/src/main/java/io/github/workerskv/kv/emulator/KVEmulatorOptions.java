package io.github.workerskv.kv.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How to start a {@link KVEmulator}.
 *
 * <p>The defaults give an emulator on a free port of 127.0.0.1, in memory, with open
 * authentication (every request is accepted, and a warning is logged), any account id, no write
 * pacing, and the system clock. {@link #toString()} never shows the tokens.
 *
 * @param port the TCP port on 127.0.0.1, or 0 for a free one
 * @param persistPath the SQLite file that keeps keys and namespaces across restarts, or {@code null}
 * to keep everything in memory
 * @param tokens the API tokens accepted as {@code Authorization: Bearer <token>} (or as
 * {@code X-Auth-Key} with any {@code X-Auth-Email}); empty means authentication is open
 * @param accountIds the account ids the emulator answers for; empty means any
 * @param enforceWriteRate whether a second write to the same key within one second (by
 * {@code clock}) is refused with 429, as KV does
 * @param clock the clock that decides expiration and write pacing
 */
public record KVEmulatorOptions(int port, @Nullable Path persistPath, Set<String> tokens, Set<String> accountIds,
		boolean enforceWriteRate, Clock clock) {

	/**
	 * Validates and copies the options.
	 * @throws IllegalArgumentException if the port is outside 0..65535 or a token or account id is blank
	 */
	public KVEmulatorOptions {
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("port must be 0 (a free port) or 1..65535, but was " + port);
		}
		tokens = copy(tokens, "token");
		accountIds = copy(accountIds, "account id");
		Objects.requireNonNull(clock, "clock must not be null");
	}

	/** @return a free port, in memory, open authentication, any account, no write pacing, the system clock */
	public static KVEmulatorOptions defaults() {
		return new KVEmulatorOptions(0, null, Set.of(), Set.of(), false, Clock.systemUTC());
	}

	/**
	 * @param port the TCP port on 127.0.0.1, or 0 for a free one
	 * @return a copy with this port
	 */
	public KVEmulatorOptions withPort(int port) {
		return new KVEmulatorOptions(port, this.persistPath, this.tokens, this.accountIds, this.enforceWriteRate,
				this.clock);
	}

	/**
	 * @param persistPath the SQLite file to keep keys and namespaces in, or {@code null} for memory
	 * @return a copy with this persistence
	 */
	public KVEmulatorOptions withPersistPath(@Nullable Path persistPath) {
		return new KVEmulatorOptions(this.port, persistPath, this.tokens, this.accountIds, this.enforceWriteRate,
				this.clock);
	}

	/**
	 * Adds an accepted API token; once any token is given, authentication is enforced.
	 * @param token the token
	 * @return a copy that also accepts this token
	 */
	public KVEmulatorOptions withToken(String token) {
		Set<String> tokens = new LinkedHashSet<>(this.tokens);
		tokens.add(token);
		return new KVEmulatorOptions(this.port, this.persistPath, tokens, this.accountIds, this.enforceWriteRate,
				this.clock);
	}

	/**
	 * Adds an account id; once any is given, requests for other accounts are refused with 403.
	 * @param accountId the account id
	 * @return a copy that also answers for this account
	 */
	public KVEmulatorOptions withAccountId(String accountId) {
		Set<String> accountIds = new LinkedHashSet<>(this.accountIds);
		accountIds.add(accountId);
		return new KVEmulatorOptions(this.port, this.persistPath, this.tokens, accountIds, this.enforceWriteRate,
				this.clock);
	}

	/**
	 * @param enforceWriteRate whether a second write to a key within one second is refused with 429
	 * @return a copy with this pacing
	 */
	public KVEmulatorOptions withEnforceWriteRate(boolean enforceWriteRate) {
		return new KVEmulatorOptions(this.port, this.persistPath, this.tokens, this.accountIds, enforceWriteRate,
				this.clock);
	}

	/**
	 * @param clock the clock that decides expiration and write pacing
	 * @return a copy with this clock
	 */
	public KVEmulatorOptions withClock(Clock clock) {
		return new KVEmulatorOptions(this.port, this.persistPath, this.tokens, this.accountIds, this.enforceWriteRate,
				clock);
	}

	@Override
	public String toString() {
		return "KVEmulatorOptions[port=" + this.port + ", persistPath=" + this.persistPath + ", tokens="
				+ (this.tokens.isEmpty() ? "none (open)" : this.tokens.size() + " configured") + ", accountIds="
				+ this.accountIds + ", enforceWriteRate=" + this.enforceWriteRate + ", clock=" + this.clock + "]";
	}

	private static Set<String> copy(Set<String> values, String what) {
		Objects.requireNonNull(values, what + "s must not be null");
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("A " + what + " must not be blank");
			}
		}
		return Set.copyOf(values);
	}

}
