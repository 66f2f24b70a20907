package io.github.workerskv.kv.emulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;

/**
 * How to start a {@link KVEmulator}. Immutable; start from {@link #defaults()} and change it with the
 * {@code with…} methods, each of which refuses a value outside its range with an
 * {@link InvalidOptionException} naming the option.
 *
 * <dl>
 * <dt>host</dt><dd>{@code 127.0.0.1}: loopback only. {@code ::1} for IPv6 loopback, {@code 0.0.0.0} or
 * {@code ::} for every interface (inside a container, so that a published port reaches it); never a host
 * name, so that no name is resolved</dd>
 * <dt>port</dt><dd>0: a free port</dd>
 * <dt>persistPath</dt><dd>{@code null}: everything in memory; a SQLite file keeps keys and namespaces across
 * restarts</dd>
 * <dt>tokens</dt><dd>none: authentication is open (every request is accepted, and a warning is logged);
 * once one is given, only {@code Authorization: Bearer <token>} (or {@code X-Auth-Key} with any
 * {@code X-Auth-Email}) with one of them is</dd>
 * <dt>accountIds</dt><dd>none: any account id; once one is given, requests for others are refused with
 * 403</dd>
 * <dt>enforceWriteRate</dt><dd>{@code false}; when on, a second write to the same key within one second
 * (by the clock) is refused with 429, as KV does</dd>
 * <dt>clock</dt><dd>the system clock: decides expiration, write pacing, the request budget and its
 * lock-out, and every {@code Retry-After} they send (a {@link KVEmulatorClock} lets tests move it)</dd>
 * <dt>requestBudget</dt><dd>none; see {@link RequestBudget}</dd>
 * <dt>serverLimits</dt><dd>{@link ServerLimits#defaults()}: how the server protects itself from slow,
 * stuck or too many clients</dd>
 * <dt>console</dt><dd>{@code false}; when on, the KV console (a dashboard of the namespaces and keys) is
 * served at {@code /kv-console/}, its API behind the same tokens</dd>
 * </dl>
 * {@link #toString()} never shows the tokens.
 */
public final class KVEmulatorOptions {

	private static final String LOOPBACK = "127.0.0.1";

	private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

	private static final KVEmulatorOptions DEFAULTS = new KVEmulatorOptions(new Settings());

	private final String host;

	private final int port;

	private final @Nullable Path persistPath;

	private final Set<String> tokens;

	private final Set<String> accountIds;

	private final boolean enforceWriteRate;

	private final Clock clock;

	private final @Nullable RequestBudget requestBudget;

	private final ServerLimits serverLimits;

	private final boolean console;

	private KVEmulatorOptions(Settings settings) {
		this.host = settings.host;
		this.port = settings.port;
		this.persistPath = settings.persistPath;
		this.tokens = Set.copyOf(settings.tokens);
		this.accountIds = Set.copyOf(settings.accountIds);
		this.enforceWriteRate = settings.enforceWriteRate;
		this.clock = settings.clock;
		this.requestBudget = settings.requestBudget;
		this.console = settings.console;
		this.serverLimits = settings.serverLimits;
	}

	/**
	 * @return 127.0.0.1, a free port, in memory, open authentication, any account, no write pacing, no
	 * request budget, the system clock, {@link ServerLimits#defaults()}
	 */
	public static KVEmulatorOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param host the IP address to listen on: {@code 127.0.0.1} (the default) or {@code ::1} for
	 * loopback only, {@code 0.0.0.0} or {@code ::} for every interface
	 * @return a copy with this address
	 * @throws InvalidOptionException if it is not an IPv4 or IPv6 address
	 */
	public KVEmulatorOptions withHost(String host) {
		checkHost(host);
		return with((settings) -> settings.host = host);
	}

	/**
	 * @param port the TCP port, or 0 for a free one
	 * @return a copy with this port
	 * @throws InvalidOptionException if it is outside 0..65535
	 */
	public KVEmulatorOptions withPort(int port) {
		if (port < 0 || port > 65_535) {
			throw new InvalidOptionException("port", port, "port must be 0 (a free port) or 1..65535, but was " + port);
		}
		return with((settings) -> settings.port = port);
	}

	/**
	 * @param persistPath the SQLite file to keep keys and namespaces in, or {@code null} for memory
	 * @return a copy with this persistence
	 */
	public KVEmulatorOptions withPersistPath(@Nullable Path persistPath) {
		return with((settings) -> settings.persistPath = persistPath);
	}

	/**
	 * Adds an accepted API token; once any token is given, authentication is enforced.
	 * @param token the token
	 * @return a copy that also accepts this token
	 * @throws InvalidOptionException if it is blank
	 */
	public KVEmulatorOptions withToken(String token) {
		checkNotBlank("token", token);
		return with((settings) -> settings.tokens.add(token));
	}

	/**
	 * Adds an account id; once any is given, requests for other accounts are refused with 403.
	 * @param accountId the account id
	 * @return a copy that also answers for this account
	 * @throws InvalidOptionException if it is blank
	 */
	public KVEmulatorOptions withAccountId(String accountId) {
		checkNotBlank("accountId", accountId);
		return with((settings) -> settings.accountIds.add(accountId));
	}

	/**
	 * @param enforceWriteRate whether a second write to a key within one second is refused with 429
	 * @return a copy with this pacing
	 */
	public KVEmulatorOptions withEnforceWriteRate(boolean enforceWriteRate) {
		return with((settings) -> settings.enforceWriteRate = enforceWriteRate);
	}

	/**
	 * @param console whether to serve the KV console at {@code /kv-console/}
	 * @return a copy with the console on or off
	 */
	public KVEmulatorOptions withConsole(boolean console) {
		return with((settings) -> settings.console = console);
	}

	/**
	 * @param clock the clock that decides expiration, write pacing, the request budget and every
	 * {@code Retry-After}; pass a {@link KVEmulatorClock} to move time in tests without sleeping
	 * @return a copy with this clock
	 */
	public KVEmulatorOptions withClock(Clock clock) {
		Objects.requireNonNull(clock, "clock must not be null");
		return with((settings) -> settings.clock = clock);
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
		return with((settings) -> settings.requestBudget = requestBudget);
	}

	/**
	 * @param serverLimits the minimum request data rate, idle timeout and most concurrent requests
	 * @return a copy with these limits
	 */
	public KVEmulatorOptions withServerLimits(ServerLimits serverLimits) {
		Objects.requireNonNull(serverLimits, "serverLimits must not be null");
		return with((settings) -> settings.serverLimits = serverLimits);
	}

	/** @return the IP address to listen on */
	public String host() {
		return this.host;
	}

	/** @return the TCP port, or 0 for a free one */
	public int port() {
		return this.port;
	}

	/** @return the SQLite file that keeps keys and namespaces, or {@code null} for memory */
	public @Nullable Path persistPath() {
		return this.persistPath;
	}

	/** @return the accepted API tokens; empty means authentication is open */
	public Set<String> tokens() {
		return this.tokens;
	}

	/** @return the account ids the emulator answers for; empty means any */
	public Set<String> accountIds() {
		return this.accountIds;
	}

	/** @return whether a second write to a key within one second is refused with 429 */
	public boolean enforceWriteRate() {
		return this.enforceWriteRate;
	}

	/** @return the clock of expiration, write pacing, the request budget and {@code Retry-After} */
	public Clock clock() {
		return this.clock;
	}

	/** @return the budget of every account, or {@code null} for none */
	public @Nullable RequestBudget requestBudget() {
		return this.requestBudget;
	}

	/** @return whether the KV console is served at {@code /kv-console/} */
	public boolean console() {
		return this.console;
	}

	/** @return how the server protects itself from slow, stuck or too many clients */
	public ServerLimits serverLimits() {
		return this.serverLimits;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof KVEmulatorOptions that && this.port == that.port
				&& this.enforceWriteRate == that.enforceWriteRate && this.host.equals(that.host)
				&& Objects.equals(this.persistPath, that.persistPath) && this.tokens.equals(that.tokens)
				&& this.accountIds.equals(that.accountIds) && this.clock.equals(that.clock)
				&& Objects.equals(this.requestBudget, that.requestBudget) && this.serverLimits.equals(that.serverLimits)
				&& this.console == that.console;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.host, this.port, this.persistPath, this.tokens, this.accountIds, this.enforceWriteRate,
				this.clock, this.requestBudget, this.serverLimits, this.console);
	}

	@Override
	public String toString() {
		return "KVEmulatorOptions[host=" + this.host + ", port=" + this.port + ", persistPath=" + this.persistPath
				+ ", tokens=" + (this.tokens.isEmpty() ? "none (open)" : this.tokens.size() + " configured")
				+ ", accountIds=" + this.accountIds + ", enforceWriteRate=" + this.enforceWriteRate + ", clock="
				+ this.clock + ", requestBudget=" + ((this.requestBudget != null) ? this.requestBudget : "none")
				+ ", serverLimits=" + this.serverLimits + ", console=" + this.console + "]";
	}

	private KVEmulatorOptions with(Consumer<Settings> change) {
		Settings settings = new Settings(this);
		change.accept(settings);
		return new KVEmulatorOptions(settings);
	}

	private static void checkHost(String host) {
		Objects.requireNonNull(host, "host must not be null");
		String problem = "host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), "
				+ "not '" + host + "'";
		if (IPV4.matcher(host).matches()) {
			return;
		}
		if (host.indexOf(':') < 0) {
			throw new InvalidOptionException("host", host, problem);
		}
		try {
			InetAddress.getByName(host); // a literal with ':' is parsed as IPv6, never looked up
		}
		catch (UnknownHostException ex) {
			InvalidOptionException invalid = new InvalidOptionException("host", host, problem);
			invalid.initCause(ex);
			throw invalid;
		}
	}

	private static void checkNotBlank(String option, String value) {
		Objects.requireNonNull(value, option + " must not be null");
		if (value.isBlank()) {
			throw new InvalidOptionException(option, null, "A " + option + " must not be blank");
		}
	}

	/** The mutable copy that a {@code with…} method changes one field of. */
	private static final class Settings {

		private String host = LOOPBACK;

		private int port;

		private @Nullable Path persistPath;

		private final Set<String> tokens = new LinkedHashSet<>();

		private final Set<String> accountIds = new LinkedHashSet<>();

		private boolean enforceWriteRate;

		private Clock clock = Clock.systemUTC();

		private @Nullable RequestBudget requestBudget;

		private ServerLimits serverLimits = ServerLimits.defaults();

		private boolean console;

		Settings() {
		}

		Settings(KVEmulatorOptions options) {
			this.host = options.host;
			this.port = options.port;
			this.persistPath = options.persistPath;
			this.tokens.addAll(options.tokens);
			this.accountIds.addAll(options.accountIds);
			this.enforceWriteRate = options.enforceWriteRate;
			this.clock = options.clock;
			this.requestBudget = options.requestBudget;
			this.serverLimits = options.serverLimits;
			this.console = options.console;
		}

	}

}
