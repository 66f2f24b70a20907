package io.github.workerskv.kv.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link KVEmulator} from the command line until it is stopped (Ctrl-C or SIGTERM, which close
 * the server and the store cleanly):
 *
 * <pre>
 * java -jar kv-emulator/target/kv-emulator.jar [--port 8787] [--persist FILE] [--token T]... [--account-id A]...
 *     [--enforce-write-rate] [--request-budget REQUESTS/SECONDS]
 * </pre>
 *
 * <p>{@code --request-budget 1200/300} is Cloudflare's API limit: 1,200 requests per account in
 * 300 seconds, then every call to the account is answered 429 for 300 seconds (see
 * {@link RequestBudget}).
 *
 * <p>It prints the base URL (for wrangler's {@code CLOUDFLARE_API_BASE_URL}) and whether
 * authentication is open, never a token. Exit status 2 means bad arguments.
 */
public final class KVEmulatorMain {

	private static final int DEFAULT_PORT = 8787;

	private static final Pattern BUDGET = Pattern.compile("(\\d{1,10})/(\\d{1,10})");

	private static final String USAGE = """
			Usage: java -jar kv-emulator.jar [options]
			  --port N               TCP port on 127.0.0.1 (default 8787; 0 = a free port)
			  --persist FILE         keep namespaces and keys in this SQLite file across restarts
			  --token T              accept this API token (repeatable); without any, every request is accepted
			  --account-id A         answer only for this account id (repeatable); without any, for every id
			  --enforce-write-rate   refuse a second write to a key within one second with 429, as KV does
			  --request-budget R/S   allow each account R requests per S seconds, then answer its every call
			                         429 for S seconds, as Cloudflare's API does (its limit: 1200/300)
			  --help                 show this text
			""";

	private KVEmulatorMain() {
	}

	/**
	 * Starts the emulator and waits until the JVM is asked to stop.
	 * @param args the options, see the class description
	 */
	public static void main(String[] args) throws InterruptedException {
		System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty",
				System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn"));
		KVEmulatorOptions options;
		try {
			options = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.print(USAGE);
			return;
		}
		KVEmulator emulator = KVEmulator.start(options);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			stopped.countDown();
		}, "kv-emulator-shutdown"));
		describe(emulator, options, System.out);
		stopped.await();
	}

	static void describe(KVEmulator emulator, KVEmulatorOptions options, PrintStream out) {
		out.println("KV emulator listening at " + emulator.baseUrl());
		out.println(options.tokens().isEmpty()
				? "Authentication: OPEN (no --token given): every request is accepted"
				: "Authentication: required (" + options.tokens().size() + " token(s) configured)");
		out.println("Accounts: " + (options.accountIds().isEmpty() ? "any account id" : options.accountIds()));
		out.println("Storage: " + ((options.persistPath() != null) ? options.persistPath() : "memory (lost on exit)"));
		RequestBudget budget = options.requestBudget();
		out.println("Request budget: " + ((budget != null)
				? budget + " per account, then 429 for " + budget.windowSeconds() + " s" : "off"));
		out.println("Write rate: " + (options.enforceWriteRate() ? "1 write/s per key enforced" : "not enforced"));
		out.flush();
	}

	/**
	 * @param args the command line
	 * @return the options, or {@code null} if help was asked for
	 * @throws IllegalArgumentException for an unknown option or a missing or bad value
	 */
	static @Nullable KVEmulatorOptions parse(String[] args) {
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withPort(DEFAULT_PORT);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--help", "-h" -> {
					return null;
				}
				case "--enforce-write-rate" -> options = options.withEnforceWriteRate(true);
				case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
				case "--persist" -> options = options.withPersistPath(Path.of(value(args, ++i, arg)));
				case "--token" -> options = options.withToken(value(args, ++i, arg));
				case "--account-id" -> options = options.withAccountId(value(args, ++i, arg));
				case "--request-budget" -> options = options.withRequestBudget(budget(value(args, ++i, arg)));
				default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
			}
		}
		return options;
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length || args[index].startsWith("--")) {
			throw new IllegalArgumentException("Option " + option + " needs a value");
		}
		return args[index];
	}

	/**
	 * @param text {@code REQUESTS/SECONDS}, such as {@code 1200/300}
	 * @return the budget
	 */
	private static RequestBudget budget(String text) {
		Matcher matcher = BUDGET.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"--request-budget needs REQUESTS/SECONDS in whole numbers, such as 1200/300, not '" + text + "'");
		}
		try {
			return new RequestBudget(Integer.parseInt(matcher.group(1)),
					Duration.ofSeconds(Long.parseLong(matcher.group(2))));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--request-budget allows at most " + Integer.MAX_VALUE
					+ " requests, not '" + matcher.group(1) + "'");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--request-budget " + text + ": " + ex.getMessage());
		}
	}

	private static int port(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--port needs a number, not '" + text + "'");
		}
	}

}
