package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.emulator.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The token never shows: not in debug logs, not in any exception, not in any toString. */
class SecretsOverHttpTest {

	private static final int DEBUG = 10;

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	@Test
	void noLogLineExceptionOrToStringContainsTheToken() {
		List<Throwable> failures = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		Logger clientLogger = LoggerFactory.getLogger("io.github.workerskv.kv.cloudflare.HttpTransport");
		int originalLevel = logLevel(clientLogger, DEBUG);
		PrintStream originalErr = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try (CloudflareKVClient client = account.client((config) -> config.withRequestTimeout(Duration.ofMillis(500)))) {
			CloudflareKVNamespace kv = client.namespace(client.createNamespace("secrets").id());
			kv.put("k", "v", PutOptions.none().withExpirationTtl(600));
			kv.get("k");
			kv.getWithMetadata("k");
			kv.list();
			kv.bulkPut(List.of(BulkWrite.of("b", "v")));
			for (Fault fault : List.of(Fault.rateLimited(Duration.ofSeconds(1)), Fault.serverError(500),
					Fault.dropConnection(), Fault.delay(Duration.ofSeconds(2)))) {
				account.emulator().faults().next(10, fault);
				capture(failures, () -> kv.get("k"));
				account.reset();
			}
			capture(failures, () -> client.namespace("0123456789abcdef0123456789abcdef").get("k"));
			capture(failures, () -> kv.bulkDelete(List.of("a")));
			try (CloudflareKVClient wrong = account.client((config) -> config
				.withCredentials(Credentials.apiToken(EmulatedAccount.TOKEN + "-revoked")))) {
				capture(failures, () -> wrong.namespace(kv.id()).get("k"));
				texts.add(wrong.toString());
			}
			texts.add(client.toString());
			texts.add(client.config().toString());
			texts.add(kv.toString());
		}
		finally {
			System.setErr(originalErr);
			logLevel(clientLogger, originalLevel);
			account.reset();
		}
		String log = captured.toString(StandardCharsets.UTF_8);
		assertThat(log).contains("GET /accounts/acct/storage/kv/namespaces/").doesNotContain(EmulatedAccount.TOKEN);
		assertThat(failures).hasSize(6).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(CloudflareKVException.class);
			for (Throwable t = failure; t != null; t = t.getCause()) {
				assertThat(String.valueOf(t.getMessage())).doesNotContain(EmulatedAccount.TOKEN);
				assertThat(t.toString()).doesNotContain(EmulatedAccount.TOKEN);
			}
		});
		assertThat(texts).allSatisfy((text) -> assertThat(text).doesNotContain(EmulatedAccount.TOKEN));
	}

	/**
	 * Sets the level of an slf4j-simple logger, which reads its level only once, when it is created
	 * (possibly by an earlier test in this JVM).
	 * @return the previous level
	 */
	private static int logLevel(Logger logger, int level) {
		try {
			Field field = logger.getClass().getDeclaredField("currentLogLevel");
			field.setAccessible(true);
			int previous = field.getInt(logger);
			field.setInt(logger, level);
			return previous;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("This test needs slf4j-simple as the logging backend", ex);
		}
	}

	private static void capture(List<Throwable> failures, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			failures.add(ex);
		}
	}

}
