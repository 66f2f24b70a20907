package io.github.workerskv.kv;

/** The listener of {@link KVListener#none()}: ignores everything. */
final class NoKVListener implements KVListener {

	static final NoKVListener INSTANCE = new NoKVListener();

	private NoKVListener() {
	}

	@Override
	public String toString() {
		return "KVListener.none()";
	}

}
