package io.github.workerskv.kv.flags;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merge mode's documents, one per user, bounded like the user cache (least recently used first out). A
 * merged document is reused while both the global and the user's document it was made from are the ones read
 * last; a new read of either makes it again.
 */
final class MergedDocuments {

	private final Map<String, Merged> entries;

	MergedDocuments(int maxSize) {
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Merged> eldest) {
				return size() > maxSize;
			}
		};
	}

	/**
	 * @param userId the user
	 * @param global the global document as last read
	 * @param user the user's document as last read
	 * @return the global document with the user's flags and evaluators laid over it
	 */
	FlagDocument get(String userId, FlagDocument global, FlagDocument user) {
		synchronized (this.entries) {
			Merged last = this.entries.get(userId);
			if (last != null && last.global == global && last.user == user) {
				return last.result;
			}
		}
		FlagDocument result = FlagDocument.merge(global, user);
		synchronized (this.entries) {
			this.entries.put(userId, new Merged(global, user, result));
		}
		return result;
	}

	void invalidate(String userId) {
		synchronized (this.entries) {
			this.entries.remove(userId);
		}
	}

	int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	private record Merged(FlagDocument global, FlagDocument user, FlagDocument result) {
	}

}
