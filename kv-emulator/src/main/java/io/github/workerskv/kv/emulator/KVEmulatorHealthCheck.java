package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code kv-emulator.jar --health-check}: asks the emulator at the options' host and port whether it
 * answers, for a container's {@code HEALTHCHECK}, where no {@code curl} exists. It sends
 * {@code GET /client/v4/user/tokens/verify} without credentials, which an emulator always answers
 * with its v4 envelope (200 when authentication is open, 401 otherwise) and which no request budget
 * counts. It sends no token, so it needs none.
 */
final class KVEmulatorHealthCheck {

	private static final int TIMEOUT_MILLIS = 3_000;

	private static final int MAX_BODY_BYTES = 4_096;

	private KVEmulatorHealthCheck() {
	}

	/**
	 * @param options where the emulator listens; its port must not be 0
	 * @param out where to say what was found (a container keeps it in its health log)
	 * @return whether the emulator answered with its envelope within about three seconds
	 */
	static boolean probe(KVEmulatorOptions options, PrintStream out) {
		if (options.port() == 0) {
			out.println("unhealthy: the health check needs the emulator's port; set KV_EMULATOR_PORT (not 0)");
			return false;
		}
		URI url = URI.create(KVEmulator.baseUrl(options.host(), options.port()) + "/user/tokens/verify");
		HttpURLConnection connection = null;
		try {
			connection = (HttpURLConnection) url.toURL().openConnection();
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			connection.setUseCaches(false);
			int status = connection.getResponseCode();
			InputStream stream = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
			String body = "";
			if (stream != null) {
				try (stream) {
					body = new String(stream.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
				}
			}
			boolean healthy = (status == 200 || status == 401) && body.contains("\"success\"");
			out.println((healthy ? "healthy: " : "unhealthy: ") + url + " answered " + status);
			return healthy;
		}
		catch (IOException ex) {
			out.println("unhealthy: " + url + " did not answer (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + ")");
			return false;
		}
		finally {
			if (connection != null) {
				connection.disconnect();
			}
		}
	}

}
