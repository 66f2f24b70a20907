package io.github.workerskv.kv.flags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code js/proof-worker.mjs} running under Miniflare (workerd), started by {@code js/miniflare-driver.mjs} from
 * the packages the build installs from the committed lock file, on a free loopback port. Closing it closes the
 * driver's standard input, which stops Miniflare; the process is killed if it has not gone 10 s later.
 */
final class MiniflareWorker implements AutoCloseable {

	private final Process process;

	private final URI baseUrl;

	private final Path errors;

	private MiniflareWorker(Process process, URI baseUrl, Path errors) {
		this.process = process;
		this.baseUrl = baseUrl;
		this.errors = errors;
	}

	/**
	 * @param timeout how long Miniflare may take to start
	 * @return the running Worker
	 */
	static MiniflareWorker start(Duration timeout) {
		try {
			Path errors = Files.createTempFile("miniflare", ".err");
			Process process = new ProcessBuilder("node", "miniflare-driver.mjs").directory(FlagdCoreDriver.JS_DIR.toFile())
				.redirectError(errors.toFile())
				.start();
			BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
				try {
					String line;
					while ((line = out.readLine()) != null) {
						if (line.startsWith("ready ")) {
							return line.substring("ready ".length()).trim();
						}
					}
					return null;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			String url;
			try {
				url = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("Miniflare did not start within " + timeout + ": " + Files.readString(errors), ex);
			}
			if (url == null) {
				process.waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("Miniflare stopped before it was ready: " + Files.readString(errors));
			}
			URI baseUrl = URI.create(url);
			if (!"127.0.0.1".equals(baseUrl.getHost())) {
				process.destroyForcibly();
				throw new IllegalStateException("Miniflare listens on " + baseUrl + ", not on loopback");
			}
			return new MiniflareWorker(process, baseUrl, errors);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	URI uri(String path) {
		return this.baseUrl.resolve(path);
	}

	/** @return what Miniflare wrote to its standard error so far */
	String errors() {
		try {
			return Files.readString(this.errors);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() throws Exception {
		this.process.getOutputStream().close();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		Files.deleteIfExists(this.errors);
	}

}
