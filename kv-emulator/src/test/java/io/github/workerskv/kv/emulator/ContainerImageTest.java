package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image that {@code kv-emulator/docker/build-image.sh} builds, run with {@code docker run
 * --network host} on a free port of 127.0.0.1 (all traffic stays on loopback). Without a Docker daemon
 * or the image these tests are skipped and say why; with {@code KV_CONTAINER_TESTS=required} (CI)
 * that is a failure instead. The last line of the class says how many ran.
 */
@ExtendWith(ContainerImageTest.Report.class)
class ContainerImageTest {

	private static final String IMAGE = System.getProperty("kv.emulator.image", "workers-kv-emulator:latest");

	private static final String TOKEN = "container-s3cret";

	private static volatile String skipReason;

	private final List<String> containers = new ArrayList<>();

	private final List<String> volumes = new ArrayList<>();

	@BeforeAll
	static void findDockerAndTheImage() {
		String problem = DockerCli.unavailable();
		if (problem == null && DockerCli.run(List.of("image", "inspect", IMAGE), Map.of(), Duration.ofSeconds(30))
			.exitCode() != 0) {
			problem = "no image " + IMAGE + "; build it with kv-emulator/docker/build-image.sh";
		}
		if (problem != null && DockerCli.required()) {
			throw new IllegalStateException("Docker not available, but " + DockerCli.REQUIRED_VARIABLE + "=required: "
					+ problem);
		}
		skipReason = (problem != null) ? "Docker not available, skipped: " + problem : null;
	}

	@BeforeEach
	void skipWithoutDocker() {
		Assumptions.assumeTrue(skipReason == null, skipReason);
	}

	@AfterEach
	void removeContainersAndVolumes() {
		this.containers.forEach((name) -> DockerCli.run(List.of("rm", "--force", "--volumes", name), Map.of(),
				Duration.ofMinutes(1)));
		this.volumes.forEach((name) -> DockerCli.run(List.of("volume", "rm", "--force", name), Map.of(),
				Duration.ofMinutes(1)));
	}

	@Test
	void servesNamespacesAndKeysOverLoopbackAsANonRootUser() throws Exception {
		int port = freePort();
		String container = start(port, List.of());
		Api api = new Api(baseUrl(port), TOKEN, "acct");

		String namespace = api.createNamespace("container-test");
		assertThat(api.put(api.namespace(namespace) + "/values/greeting", "Hello, KV!").statusCode()).isEqualTo(200);

		assertThat(new String(api.get(api.namespace(namespace) + "/values/greeting").body(), StandardCharsets.UTF_8))
			.isEqualTo("Hello, KV!");
		assertThat(api.withToken("wrong").get("/user").statusCode()).isEqualTo(403);
		assertThat(DockerCli.ok("exec", container, "java", "-XshowSettings:properties", "-version"))
			.contains("user.name = kv");
		assertThat(DockerCli.ok("inspect", "--format", "{{.Config.User}}", container)).isEqualTo("10001:10001");
	}

	@Test
	void keepsTheTokenOutOfTheEmulatorsCommandLine() throws Exception {
		String container = start(freePort(), List.of());

		String pid = DockerCli.ok("inspect", "--format", "{{.State.Pid}}", container);
		Path cmdline = Path.of("/proc", pid, "cmdline");
		Assumptions.assumeTrue(Files.isReadable(cmdline), "the container's process is not visible here");

		assertThat(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' '))
			.contains("/opt/kv-emulator/kv-emulator.jar")
			.doesNotContain(TOKEN);
		assertThat(DockerCli.ok("logs", container)).contains("Authentication: required (1 token(s) configured)")
			.doesNotContain(TOKEN);
	}

	@Test
	void keepsKeysInAVolumeAcrossARestartAndANewContainer() throws Exception {
		String volume = "kv-emulator-test-" + suffix();
		DockerCli.ok("volume", "create", volume);
		this.volumes.add(volume);
		List<String> persistence = List.of("--volume", volume + ":/data", "--env", "KV_EMULATOR_PERSIST=/data/kv.db");
		int port = freePort();
		String first = start(port, persistence);
		Api api = new Api(baseUrl(port), TOKEN, "acct");
		String namespace = api.createNamespace("persistent");
		assertThat(api.put(api.namespace(namespace) + "/values/kept", "across restarts").statusCode()).isEqualTo(200);

		DockerCli.ok("restart", "--time", "30", first);
		awaitAnswer(first, port);
		assertThat(text(api.get(api.namespace(namespace) + "/values/kept"))).isEqualTo("across restarts");

		DockerCli.ok("stop", "--time", "30", first);
		int next = freePort();
		String second = start(next, persistence);
		Api again = new Api(baseUrl(next), TOKEN, "acct");
		assertThat(text(again.get(again.namespace(namespace) + "/values/kept"))).isEqualTo("across restarts");
		assertThat(DockerCli.ok("logs", second)).contains("Storage: /data/kv.db");
	}

	@Test
	void reportsHealthyThroughItsHealthcheck() {
		// The image's HEALTHCHECK command, polled every second instead of every ten.
		String container = start(freePort(), List.of("--health-interval", "1s", "--health-start-period", "0s"));

		String status = "";
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && !(status = health(container)).equals("healthy")) {
			sleep(Duration.ofMillis(500));
		}

		assertThat(status).as(DockerCli.ok("inspect", "--format", "{{json .State.Health}}", container))
			.isEqualTo("healthy");
		assertThat(DockerCli.ok("inspect", "--format", "{{json .State.Health.Log}}", container))
			.contains("answered 401");
	}

	/**
	 * Starts the image on this port of 127.0.0.1 with the test token, and waits until it answers.
	 * @return the container's name
	 */
	private String start(int port, List<String> options) {
		String name = "kv-emulator-test-" + suffix();
		List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network", "host", "--env",
				"KV_EMULATOR_HOST=127.0.0.1", "--env", "KV_EMULATOR_PORT=" + port, "--env", "KV_EMULATOR_TOKEN"));
		args.addAll(options);
		args.add(IMAGE);
		this.containers.add(name);
		DockerCli.ok(Map.of("KV_EMULATOR_TOKEN", TOKEN), args.toArray(String[]::new));
		awaitAnswer(name, port);
		return name;
	}

	/** Polls the API for at most 60 s, failing early with the container's log if it stops. */
	private static void awaitAnswer(String container, int port) {
		Api api = new Api(baseUrl(port), null, "acct");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (api.get("/user/tokens/verify").statusCode() == 401) {
					return;
				}
			}
			catch (UncheckedIOException notYet) {
				// not listening yet
			}
			if (!DockerCli.ok("inspect", "--format", "{{.State.Running}}", container).equals("true")) {
				throw new IllegalStateException(container + " stopped: " + DockerCli.run(List.of("logs", container),
						Map.of(), Duration.ofMinutes(1)).output());
			}
			sleep(Duration.ofMillis(200));
		}
		throw new IllegalStateException(container + " did not answer on 127.0.0.1:" + port + " within 60 s: "
				+ DockerCli.run(List.of("logs", container), Map.of(), Duration.ofMinutes(1)).output());
	}

	private static String health(String container) {
		return DockerCli.ok("inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container);
	}

	private static URI baseUrl(int port) {
		return URI.create("http://127.0.0.1:" + port + "/client/v4");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(java.net.http.HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(200);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static String suffix() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Counts what ran and prints it, so that a CI log shows whether the container tests were skipped. */
	static final class Report implements TestWatcher, AfterAllCallback {

		private final AtomicInteger passed = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger skipped = new AtomicInteger();

		@Override
		public void testSuccessful(ExtensionContext context) {
			this.passed.incrementAndGet();
		}

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			this.failed.incrementAndGet();
		}

		@Override
		public void testAborted(ExtensionContext context, Throwable cause) {
			this.skipped.incrementAndGet();
		}

		@Override
		public void testDisabled(ExtensionContext context, Optional<String> reason) {
			this.skipped.incrementAndGet();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			int ran = this.passed.get() + this.failed.get();
			System.out.println("Container image tests (" + IMAGE + "): " + ran + " ran (" + this.passed.get()
					+ " passed, " + this.failed.get() + " failed), " + this.skipped.get() + " skipped"
					+ ((skipReason != null) ? ". " + skipReason : ""));
		}

	}

}
