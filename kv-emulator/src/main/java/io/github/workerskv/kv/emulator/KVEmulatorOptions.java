package io.github.workerskv.kv.emulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How to start a {@link KVEmulator}.
 *
 * <p>The defaults give an emulator on a free port of 127.0.0.1 (loopback only), in memory, with open
 * authentication (every request is accepted, and a warning is logged), any account id, no write
 * pacing, no request budget, and the system clock. {@link #toString()} never shows the tokens.
 *
 * @param host the IP address to listen on: {@code 127.0.0.1} (the default), {@code ::1}, or
 * {@code 0.0.0.0} / {@code ::} for every interface (inside a container, so that a published port
 * reaches it); never a host name, so that no name is resolved
 * @param port the TCP port, or 0 for a free one
 * @param persistPath the SQLite file that keeps keys and namespaces across restarts, or {@code null}
 * to keep everything in memory
 * @param tokens the API tokens accepted as {@code Authorization: Bearer <token>} (or as
 * {@code X-Auth-Key} with any {@code X-Auth-Email}); empty means authentication is open
 * @param accountIds the account ids the emulator answers for; empty means any
 * @param enforceWriteRate whether a second write to the same key within one second (by
 * {@code clock}) is refused with 429, as KV does
 * @param clock the clock that decides expiration, write pacing, the request budget and its
 * lock-out, and every {@code Retry-After} they send (a {@link KVEmulatorClock} lets tests move it)
 * @param requestBudget the requests each account may make per window before it is locked out, as
 * Cloudflare's API does, or {@code null} for no budget (see {@link RequestBudget})
 */
public record KVEmulatorOptions(String host, int port, @Nullable Path persistPath, Set<String> tokens,
		Set<String> accountIds, boolean enforceWriteRate, Clock clock, @Nullable RequestBudget requestBudget) {

	private static final String LOOPBACK = "127.0.0.1";

	private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

	/**
	 * Validates and copies the options.
	 * @throws IllegalArgumentException if the host is not an IP address, the port is outside 0..65535,
	 * or a token or account id is blank
	 */
	public KVEmulatorOptions {
		checkHost(host);
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("port must be 0 (a free port) or 1..65535, but was " + port);
		}
		tokens = copy(tokens, "token");
		accountIds = copy(accountIds, "account id");
		Objects.requireNonNull(clock, "clock must not be null");
	}

	/**
	 * @return 127.0.0.1, a free port, in memory, open authentication, any account, no write pacing,
	 * no request budget, the system clock
	 */
	public static KVEmulatorOptions defaults() {
		return new KVEmulatorOptions(LOOPBACK, 0, null, Set.of(), Set.of(), false, Clock.systemUTC(), null);
	}

	/**
	 * @param host the IP address to listen on: {@code 127.0.0.1} (the default) or {@code ::1} for
	 * loopback only, {@code 0.0.0.0} or {@code ::} for every interface
	 * @return a copy with this address
	 * @throws IllegalArgumentException if it is not an IPv4 or IPv6 address
	 */
	public KVEmulatorOptions withHost(String host) {
		return new KVEmulatorOptions(host, this.port, this.persistPath, this.tokens, this.accountIds,
				this.enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * @param port the TCP port, or 0 for a free one
	 * @return a copy with this port
	 */
	public KVEmulatorOptions withPort(int port) {
		return new KVEmulatorOptions(this.host, port, this.persistPath, this.tokens, this.accountIds,
				this.enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * @param persistPath the SQLite file to keep keys and namespaces in, or {@code null} for memory
	 * @return a copy with this persistence
	 */
	public KVEmulatorOptions withPersistPath(@Nullable Path persistPath) {
		return new KVEmulatorOptions(this.host, this.port, persistPath, this.tokens, this.accountIds,
				this.enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * Adds an accepted API token; once any token is given, authentication is enforced.
	 * @param token the token
	 * @return a copy that also accepts this token
	 */
	public KVEmulatorOptions withToken(String token) {
		Set<String> tokens = new LinkedHashSet<>(this.tokens);
		tokens.add(token);
		return new KVEmulatorOptions(this.host, this.port, this.persistPath, tokens, this.accountIds,
				this.enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * Adds an account id; once any is given, requests for other accounts are refused with 403.
	 * @param accountId the account id
	 * @return a copy that also answers for this account
	 */
	public KVEmulatorOptions withAccountId(String accountId) {
		Set<String> accountIds = new LinkedHashSet<>(this.accountIds);
		accountIds.add(accountId);
		return new KVEmulatorOptions(this.host, this.port, this.persistPath, this.tokens, accountIds,
				this.enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * @param enforceWriteRate whether a second write to a key within one second is refused with 429
	 * @return a copy with this pacing
	 */
	public KVEmulatorOptions withEnforceWriteRate(boolean enforceWriteRate) {
		return new KVEmulatorOptions(this.host, this.port, this.persistPath, this.tokens, this.accountIds,
				enforceWriteRate, this.clock, this.requestBudget);
	}

	/**
	 * @param clock the clock that decides expiration, write pacing, the request budget and every
	 * {@code Retry-After}; pass a {@link KVEmulatorClock} to move time in tests without sleeping
	 * @return a copy with this clock
	 */
	public KVEmulatorOptions withClock(Clock clock) {
		return new KVEmulatorOptions(this.host, this.port, this.persistPath, this.tokens, this.accountIds,
				this.enforceWriteRate, clock, this.requestBudget);
	}

	/**
	 * Limits every account to {@code requests} requests per {@code window}, as Cloudflare's API limits
	 * a user to 1,200 per five minutes: {@code withRequestBudget(1200, Duration.ofMinutes(5))}. The
	 * request past the budget, and every request to the account for one {@code window} after it, is
	 * answered 429 with code 971 and {@code Retry-After}; see {@link RequestBudget} for the exact rules.
	 * @param requests how many requests an account may make per window, at least 1
	 * @param window the window and lock-out, whole seconds from 1 s to 1 day
	 * @return a copy with this budget
	 * @throws IllegalArgumentException if the budget is out of these bounds
	 */
	public KVEmulatorOptions withRequestBudget(int requests, Duration window) {
		return withRequestBudget(new RequestBudget(requests, window));
	}

	/**
	 * @param requestBudget the budget of every account, or {@code null} for none
	 * @return a copy with this budget
	 */
	public KVEmulatorOptions withRequestBudget(@Nullable RequestBudget requestBudget) {
		return new KVEmulatorOptions(this.host, this.port, this.persistPath, this.tokens, this.accountIds,
				this.enforceWriteRate, this.clock, requestBudget);
	}

	@Override
	public String toString() {
		return "KVEmulatorOptions[host=" + this.host + ", port=" + this.port + ", persistPath=" + this.persistPath + ", tokens="
				+ (this.tokens.isEmpty() ? "none (open)" : this.tokens.size() + " configured") + ", accountIds="
				+ this.accountIds + ", enforceWriteRate=" + this.enforceWriteRate + ", clock=" + this.clock
				+ ", requestBudget=" + ((this.requestBudget != null) ? this.requestBudget : "none") + "]";
	}

	private static void checkHost(String host) {
		Objects.requireNonNull(host, "host must not be null");
		String problem = "host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), "
				+ "not '" + host + "'";
		if (IPV4.matcher(host).matches()) {
			return;
		}
		if (host.indexOf(':') < 0) {
			throw new IllegalArgumentException(problem);
		}
		try {
			InetAddress.getByName(host); // a literal with ':' is parsed as IPv6, never looked up
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(problem, ex);
		}
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
