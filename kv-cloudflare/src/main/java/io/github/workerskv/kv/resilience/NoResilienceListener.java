package io.github.workerskv.kv.resilience;

/** The listener of {@link ResilienceListener#none()}: ignores everything. */
final class NoResilienceListener implements ResilienceListener {

	static final NoResilienceListener INSTANCE = new NoResilienceListener();

	private NoResilienceListener() {
	}

	@Override
	public String toString() {
		return "ResilienceListener.none()";
	}

}
