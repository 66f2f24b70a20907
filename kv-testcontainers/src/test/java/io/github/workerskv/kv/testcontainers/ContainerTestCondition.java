package io.github.workerskv.kv.testcontainers;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testcontainers.DockerClientFactory;

/**
 * For test classes that need a Docker daemon and the emulator's image (the tag {@link KVEmulatorContainer}
 * uses by default, which {@code kv-emulator/docker/build-image.sh} builds). Evaluated before anything else of
 * the class, a Spring context included: without Docker or the image the class is skipped and says why, unless
 * {@code KV_CONTAINER_TESTS=required} (CI), where that fails the class instead. After the class it prints how
 * many of its tests ran, so that a CI log shows whether they were skipped.
 */
final class ContainerTestCondition implements ExecutionCondition, TestWatcher, AfterAllCallback {

	static final String REQUIRED_VARIABLE = "KV_CONTAINER_TESTS";

	private static volatile Optional<String> problem;

	private final AtomicInteger passed = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	/** @return whether a container test that cannot run fails rather than skips */
	static boolean required() {
		return "required".equals(System.getenv(REQUIRED_VARIABLE));
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent()) {
			return ConditionEvaluationResult.enabled("the class's condition decides");
		}
		Optional<String> problem = problem();
		if (problem.isEmpty()) {
			return ConditionEvaluationResult.enabled("Docker answers and has " + KVEmulatorContainer.defaultImageName());
		}
		if (required()) {
			throw new IllegalStateException("Docker not available, but " + REQUIRED_VARIABLE + "=required: "
					+ problem.get());
		}
		String reason = "Docker not available, skipped: " + problem.get();
		System.out.println("Container tests (" + context.getRequiredTestClass().getSimpleName() + "): " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	/** @return why the container tests cannot run here, if they cannot; found once per JVM */
	private static Optional<String> problem() {
		Optional<String> found = problem;
		if (found == null) {
			found = Optional.ofNullable(findProblem());
			problem = found;
		}
		return found;
	}

	private static String findProblem() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			return "Testcontainers finds no Docker daemon (start one, or set DOCKER_HOST)";
		}
		String image = KVEmulatorContainer.defaultImageName().asCanonicalNameString();
		try {
			DockerClientFactory.instance().client().inspectImageCmd(image).exec();
			return null;
		}
		catch (RuntimeException ex) {
			return "no image " + image + "; build it with kv-emulator/docker/build-image.sh ("
					+ ex.getClass().getSimpleName() + ")";
		}
	}

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
		System.out.println("Container tests (" + context.getRequiredTestClass().getSimpleName() + "): "
				+ (this.passed.get() + this.failed.get()) + " ran (" + this.passed.get() + " passed, " + this.failed.get()
				+ " failed), " + this.skipped.get() + " skipped");
	}

}
