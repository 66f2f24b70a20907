package io.github.workerskv.kv.testcontainers;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until the emulator's API answers on 127.0.0.1 (see {@link EmulatorApi#awaitAnswer}), for at most the
 * startup timeout, and fails at once, with the container's log, if the container stops. Testcontainers' own
 * port-based strategies cannot be used: with host networking no port is mapped.
 */
final class KVEmulatorWaitStrategy extends AbstractWaitStrategy {

	@Override
	protected void waitUntilReady() {
		if (!(this.waitStrategyTarget instanceof KVEmulatorContainer container)) {
			throw new IllegalStateException("KVEmulatorWaitStrategy waits for a KVEmulatorContainer only");
		}
		try {
			EmulatorApi.awaitAnswer(container.getBaseUrl(), this.startupTimeout, container::isRunning);
		}
		catch (IllegalStateException ex) {
			throw new ContainerLaunchException(ex.getMessage() + "; the container's log:\n" + container.getLogs(), ex);
		}
	}

}
