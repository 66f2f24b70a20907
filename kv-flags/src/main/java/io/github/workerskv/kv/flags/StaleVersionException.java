package io.github.workerskv.kv.flags;

/**
 * An admin change was based on a version of the document that is no longer the stored one. Read the document
 * again and redo the change. (KV has no compare-and-set: the check is a read before the write, so two admins
 * within the same second can still both write.)
 */
public final class StaleVersionException extends RuntimeException {

	private final long expectedVersion;

	private final long actualVersion;

	StaleVersionException(String key, long expectedVersion, long actualVersion) {
		super("'" + key + "' is at version " + actualVersion + ", not the expected " + expectedVersion
				+ "; read it again and redo the change");
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	public long expectedVersion() {
		return this.expectedVersion;
	}

	public long actualVersion() {
		return this.actualVersion;
	}

}
