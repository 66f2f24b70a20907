package io.github.workerskv.kv.flags;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A scheduler that runs submitted tasks at once on the calling thread (so a user's read happens inline) and keeps
 * periodic tasks scheduled far apart; tests call {@link FeatureFlags#refresh()} themselves.
 */
final class DirectScheduler extends ScheduledThreadPoolExecutor {

	DirectScheduler() {
		super(1);
	}

	@Override
	public void execute(Runnable command) {
		command.run();
	}

}
