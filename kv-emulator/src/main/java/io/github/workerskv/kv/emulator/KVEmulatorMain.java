package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.workerskv.kv.KVStorageException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link KVEmulator} from the command line until it is stopped (Ctrl-C or SIGTERM, which close
 * the server and the store cleanly):
 *
 * <pre>
 * java -jar kv-emulator/target/kv-emulator.jar [--host 127.0.0.1] [--port 8787] [--persist FILE]
 *     [--token-file FILE]... [--token T]... [--account-id A]... [--enforce-write-rate]
 *     [--request-budget REQUESTS/SECONDS] [--console]
 * </pre>
 *
 * <p>Every option can also be set by an environment variable ({@code KV_EMULATOR_TOKEN},
 * {@code KV_EMULATOR_PORT}, ..., see {@link #USAGE}), as a container image wants; a flag wins over
 * its variable, and an empty variable counts as unset. The token is best given by
 * {@code --token-file} or {@code KV_EMULATOR_TOKEN}: a {@code --token} argument is visible to every
 * local user in {@code ps}.
 *
 * <p>{@code --request-budget 1200/300} is Cloudflare's API limit: 1,200 requests per account in
 * 300 seconds, then every call to the account is answered 429 for 300 seconds (see
 * {@link RequestBudget}).
 *
 * <p>It prints the base URL (for wrangler's {@code CLOUDFLARE_API_BASE_URL}) and whether
 * authentication is open, never a token. Exit status 2 means bad arguments, 1 that it could not start
 * (the port is taken, the persistence file cannot be opened). {@code --health-check}
 * instead asks a running emulator (at the host and port of the same options) whether it answers,
 * and exits 0 if it does, 1 if not or if the options are bad: the container image's
 * {@code HEALTHCHECK}.
 */
public final class KVEmulatorMain {

	private static final int DEFAULT_PORT = 8787;

	private static final String VARIABLE_PREFIX = "KV_EMULATOR_";

	private static final int MAX_TOKEN_FILE_BYTES = 64 * 1024;

	private static final Pattern BUDGET = Pattern.compile("(\\d{1,10})/(\\d{1,10})");

	private static final String USAGE = """
			Usage: java -jar kv-emulator.jar [options]
			  option                 environment variable            meaning
			  --host ADDRESS         KV_EMULATOR_HOST                IP address to listen on (default 127.0.0.1;
			                                                         0.0.0.0 = every interface, as in a container)
			  --port N               KV_EMULATOR_PORT                TCP port (default 8787; 0 = a free port)
			  --persist FILE         KV_EMULATOR_PERSIST             keep namespaces and keys in this SQLite file
			  --token-file FILE      KV_EMULATOR_TOKEN_FILE          accept the tokens in this file, one per line
			                                                         (repeatable)
			  --token T              KV_EMULATOR_TOKEN               accept this API token (repeatable). A --token
			                                                         argument is visible to every local user in
			                                                         `ps`: prefer --token-file or the variable.
			                                                         Without any token, every request is accepted
			  --account-id A         KV_EMULATOR_ACCOUNT_ID          answer only for this account id (repeatable;
			                                                         the variable takes a comma-separated list);
			                                                         without any, for every id
			  --enforce-write-rate   KV_EMULATOR_ENFORCE_WRITE_RATE  refuse a second write to a key within one
			                         (true or false)                 second with 429, as KV does
			  --request-budget R/S   KV_EMULATOR_REQUEST_BUDGET      allow each account R requests per S seconds,
			                                                         then answer its every call 429 for S seconds,
			                                                         as Cloudflare's API does (its limit: 1200/300)
			  --console              KV_EMULATOR_CONSOLE             serve the KV console, a dashboard of the
			                         (true or false)                 namespaces and keys, at /kv-console/
			  --health-check                                         ask the emulator at this host and port whether
			                                                         it answers; exit 0 if so, 1 if not
			  --help                                                 show this text
			A flag wins over its variable (any token flag over both token variables); an empty variable is unset.
			""";

	/** The options that flags and environment variables set; a flag given on the command line wins. */
	private enum Setting {

		HOST("--host", "KV_EMULATOR_HOST"),

		PORT("--port", "KV_EMULATOR_PORT"),

		PERSIST("--persist", "KV_EMULATOR_PERSIST"),

		TOKENS("--token", "KV_EMULATOR_TOKEN"),

		TOKEN_FILES("--token-file", "KV_EMULATOR_TOKEN_FILE"),

		ACCOUNT_IDS("--account-id", "KV_EMULATOR_ACCOUNT_ID"),

		ENFORCE_WRITE_RATE("--enforce-write-rate", "KV_EMULATOR_ENFORCE_WRITE_RATE"),

		REQUEST_BUDGET("--request-budget", "KV_EMULATOR_REQUEST_BUDGET"),

		CONSOLE("--console", "KV_EMULATOR_CONSOLE");

		final String flag;

		final String variable;

		Setting(String flag, String variable) {
			this.flag = flag;
			this.variable = variable;
		}

	}

	private KVEmulatorMain() {
	}

	/**
	 * Starts the emulator and waits until the JVM is asked to stop; with {@code --health-check},
	 * probes a running one instead.
	 * @param args the options, see the class description
	 */
	public static void main(String[] args) throws InterruptedException {
		System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty",
				System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn"));
		Map<String, String> env = System.getenv();
		boolean healthCheck = Arrays.asList(args).contains("--health-check");
		String[] options = healthCheck
				? Arrays.stream(args).filter((arg) -> !arg.equals("--health-check")).toArray(String[]::new) : args;
		KVEmulatorOptions parsed;
		try {
			parsed = parse(options, env);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(healthCheck ? 1 : 2); // Docker reserves a health check's exit status 2
			return;
		}
		if (parsed == null) {
			System.out.print(USAGE);
			return;
		}
		if (healthCheck) {
			System.exit(KVEmulatorHealthCheck.probe(parsed, System.out) ? 0 : 1);
			return;
		}
		unknownVariables(env).forEach((name) -> System.err.println("Ignoring the unknown environment variable "
				+ name + " (known: " + knownVariables() + ")"));
		if (Arrays.asList(options).contains(Setting.TOKENS.flag)) {
			System.err.println("Note: a --token argument is visible to every local user in `ps`; "
					+ "--token-file FILE or KV_EMULATOR_TOKEN keep it out of the command line.");
		}
		KVEmulator emulator;
		try {
			emulator = KVEmulator.start(parsed);
		}
		catch (IllegalStateException | KVStorageException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			stopped.countDown();
		}, "kv-emulator-shutdown"));
		describe(emulator, parsed, System.out);
		stopped.await();
	}

	static void describe(KVEmulator emulator, KVEmulatorOptions options, PrintStream out) {
		out.println("KV emulator listening at " + emulator.baseUrl());
		out.println("Address: " + options.host() + (options.host().equals("0.0.0.0") || options.host().equals("::")
				? " (every interface)" : ""));
		out.println(options.tokens().isEmpty()
				? "Authentication: OPEN (no token given): every request is accepted"
				: "Authentication: required (" + options.tokens().size() + " token(s) configured)");
		out.println("Accounts: " + (options.accountIds().isEmpty() ? "any account id" : options.accountIds()));
		out.println("Storage: " + ((options.persistPath() != null) ? options.persistPath() : "memory (lost on exit)"));
		RequestBudget budget = options.requestBudget();
		out.println("Request budget: " + ((budget != null)
				? budget + " per account, then 429 for " + budget.windowSeconds() + " s" : "off"));
		out.println("Write rate: " + (options.enforceWriteRate() ? "1 write/s per key enforced" : "not enforced"));
		if (options.console()) {
			out.println("Console: " + emulator.consoleUrl());
		}
		out.flush();
	}

	/**
	 * Reads the command line only, as if no {@code KV_EMULATOR_*} variable were set.
	 * @param args the command line
	 * @return the options, or {@code null} if help was asked for
	 * @throws IllegalArgumentException for an unknown option or a missing or bad value
	 */
	static @Nullable KVEmulatorOptions parse(String[] args) {
		return parse(args, Map.of());
	}

	/**
	 * @param args the command line
	 * @param env the environment, whose {@code KV_EMULATOR_*} variables set what no flag sets
	 * @return the options, or {@code null} if help was asked for
	 * @throws IllegalArgumentException for an unknown option or a missing or bad value, naming the
	 * flag or variable to fix (never a token)
	 */
	static @Nullable KVEmulatorOptions parse(String[] args, Map<String, String> env) {
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withPort(DEFAULT_PORT);
		Set<Setting> given = EnumSet.noneOf(Setting.class);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--help", "-h" -> {
					return null;
				}
				case "--enforce-write-rate" -> {
					options = options.withEnforceWriteRate(true);
					given.add(Setting.ENFORCE_WRITE_RATE);
				}
				case "--console" -> {
					options = options.withConsole(true);
					given.add(Setting.CONSOLE);
				}
				default -> {
					Setting setting = Arrays.stream(Setting.values())
						.filter((candidate) -> candidate.flag.equals(arg))
						.findFirst()
						.orElseThrow(() -> new IllegalArgumentException("Unknown option '" + arg + "'"));
					options = apply(options, setting, value(args, ++i, arg), arg);
					given.add(setting);
				}
			}
		}
		boolean tokensByFlag = given.contains(Setting.TOKENS) || given.contains(Setting.TOKEN_FILES);
		for (Setting setting : Setting.values()) {
			boolean isToken = setting == Setting.TOKENS || setting == Setting.TOKEN_FILES;
			String value = env.get(setting.variable);
			if (given.contains(setting) || (isToken && tokensByFlag) || value == null || value.isBlank()) {
				continue;
			}
			if (setting == Setting.ACCOUNT_IDS) {
				for (String id : value.split(",")) {
					if (!id.isBlank()) {
						options = options.withAccountId(id.strip());
					}
				}
			}
			else {
				options = apply(options, setting, value.strip(), setting.variable);
			}
		}
		return options;
	}

	/**
	 * @param env the environment
	 * @return the {@code KV_EMULATOR_*} variables that set nothing, probably misspelt
	 */
	static List<String> unknownVariables(Map<String, String> env) {
		Set<String> known = Arrays.stream(Setting.values()).map((setting) -> setting.variable).collect(Collectors.toSet());
		return env.keySet().stream().filter((name) -> name.startsWith(VARIABLE_PREFIX) && !known.contains(name))
			.sorted()
			.toList();
	}

	private static String knownVariables() {
		return Arrays.stream(Setting.values()).map((setting) -> setting.variable).collect(Collectors.joining(", "));
	}

	/**
	 * @param source the flag or variable the value came from, for messages
	 */
	private static KVEmulatorOptions apply(KVEmulatorOptions options, Setting setting, String value, String source) {
		return switch (setting) {
			case HOST -> host(options, value, source);
			case PORT -> options.withPort(port(value, source));
			case PERSIST -> options.withPersistPath(Path.of(value));
			case TOKENS -> options.withToken(value);
			case TOKEN_FILES -> {
				KVEmulatorOptions withTokens = options;
				for (String token : tokens(Path.of(value), source)) {
					withTokens = withTokens.withToken(token);
				}
				yield withTokens;
			}
			case ACCOUNT_IDS -> options.withAccountId(value);
			case REQUEST_BUDGET -> options.withRequestBudget(budget(value, source));
			case ENFORCE_WRITE_RATE -> options.withEnforceWriteRate(bool(value, source));
			case CONSOLE -> options.withConsole(bool(value, source));
		};
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length || args[index].startsWith("--")) {
			throw new IllegalArgumentException("Option " + option + " needs a value");
		}
		return args[index];
	}

	/**
	 * @return the non-blank lines of the file, stripped; never echoed in a message
	 */
	private static List<String> tokens(Path file, String source) {
		String where = source + " " + file;
		String text;
		try {
			if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
				throw new IllegalArgumentException(where + " is over " + MAX_TOKEN_FILE_BYTES
						+ " bytes; it should hold API tokens, one per line");
			}
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(where + ": cannot read it (" + ex.getClass().getSimpleName() + ")");
		}
		List<String> tokens = text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		if (tokens.isEmpty()) {
			throw new IllegalArgumentException(where + " holds no token; write one API token per line");
		}
		return tokens;
	}

	private static KVEmulatorOptions host(KVEmulatorOptions options, String text, String source) {
		try {
			return options.withHost(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + " needs an IP address such as 127.0.0.1, ::1 or 0.0.0.0 "
					+ "(every interface), not '" + text + "'");
		}
	}

	private static boolean bool(String text, String source) {
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException(source + " must be true or false, not '" + text + "'");
		};
	}

	/**
	 * @param text {@code REQUESTS/SECONDS}, such as {@code 1200/300}
	 * @return the budget
	 */
	private static RequestBudget budget(String text, String source) {
		Matcher matcher = BUDGET.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					source + " needs REQUESTS/SECONDS in whole numbers, such as 1200/300, not '" + text + "'");
		}
		try {
			return new RequestBudget(Integer.parseInt(matcher.group(1)),
					Duration.ofSeconds(Long.parseLong(matcher.group(2))));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(source + " allows at most " + Integer.MAX_VALUE
					+ " requests, not '" + matcher.group(1) + "'");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + " " + text + ": " + ex.getMessage());
		}
	}

	private static int port(String text, String source) {
		int port;
		try {
			port = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(source + " needs a number, not '" + text + "'");
		}
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException(source + " must be 0 (a free port) or 1..65535, not " + port);
		}
		return port;
	}

}
