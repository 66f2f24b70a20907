package io.github.workerskv.kv.flags;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Merge mode's merged documents: made once per pair of documents read, and bounded like the user cache. */
class MergedDocumentsTest {

	private final FlagDocument global = FlagDocument.parse(FlagCases.json("{\"a\": 1, \"b\": 2}"));

	@Test
	void aMergedDocumentIsReusedUntilEitherDocumentIsReadAgain() {
		MergedDocuments merged = new MergedDocuments(10);
		FlagDocument alice = FlagDocument.parse(FlagCases.json("{\"b\": 3}"));

		FlagDocument first = merged.get("alice", this.global, alice);
		assertThat(merged.get("alice", this.global, alice)).isSameAs(first);
		assertThat(first.source()).isEqualTo(FlagCases.json("{\"a\": 1, \"b\": 3, \"$evaluators\": {}}"));

		FlagDocument newGlobal = FlagDocument.parse(FlagCases.json("{\"a\": 5}"));
		assertThat(merged.get("alice", newGlobal, alice).source())
			.isEqualTo(FlagCases.json("{\"a\": 5, \"b\": 3, \"$evaluators\": {}}"));
		FlagDocument aliceAgain = FlagDocument.parse(FlagCases.json("{\"b\": 4}"));
		assertThat(merged.get("alice", newGlobal, aliceAgain).source())
			.isEqualTo(FlagCases.json("{\"a\": 5, \"b\": 4, \"$evaluators\": {}}"));
	}

	@Test
	void theCacheHoldsAtMostItsSizeLeastRecentlyUsedFirstOut() {
		MergedDocuments merged = new MergedDocuments(3);
		FlagDocument user = FlagDocument.parse(FlagCases.json("{\"b\": 3}"));
		FlagDocument kept = merged.get("user-0", this.global, user);
		for (int i = 1; i < 10; i++) {
			merged.get("user-" + i, this.global, user);
			merged.get("user-0", this.global, user);
		}
		assertThat(merged.size()).isEqualTo(3);
		assertThat(merged.get("user-0", this.global, user)).isSameAs(kept);
		assertThat(merged.get("user-1", this.global, user)).isNotSameAs(kept);
	}

}
