package io.github.workerskv.kv.cloudflare;

import java.util.Arrays;
import java.util.List;

import io.github.workerskv.kv.cloudflare.BulkChunks.Range;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BulkChunksTest {

	@Test
	void splitsByItemCount() {
		long[] sizes = new long[25_000];
		Arrays.fill(sizes, 10);
		assertThat(BulkChunks.plan(sizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES))
			.containsExactly(new Range(0, 10_000), new Range(10_000, 20_000), new Range(20_000, 25_000));
	}

	@Test
	void tenThousandAndOneItemsNeedTwoRequests() {
		long[] sizes = new long[10_001];
		Arrays.fill(sizes, 1);
		assertThat(BulkChunks.plan(sizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES))
			.containsExactly(new Range(0, 10_000), new Range(10_000, 10_001));
	}

	@Test
	void splitsByBodySizeCountingBracketsAndCommas() {
		// [40,40] is 2 + 40 + 1 + 40 = 83 bytes; a third item would make 124
		assertThat(BulkChunks.plan(new long[] { 40, 40, 40 }, 100, 100))
			.containsExactly(new Range(0, 2), new Range(2, 3));
	}

	@Test
	void aBodyExactlyAtTheLimitFits() {
		assertThat(BulkChunks.plan(new long[] { 48, 49 }, 100, 100)).containsExactly(new Range(0, 2));
		assertThat(BulkChunks.plan(new long[] { 48, 50 }, 100, 100)).containsExactly(new Range(0, 1), new Range(1, 2));
	}

	@Test
	void tenMegabyteItemsGoNinePerRequest() {
		long[] sizes = new long[20];
		Arrays.fill(sizes, 10_000_000);
		List<Range> ranges = BulkChunks.plan(sizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES);
		assertThat(ranges).containsExactly(new Range(0, 9), new Range(9, 18), new Range(18, 20));
		assertThat(2 + 9 * 10_000_000L + 8).isLessThan(100_000_000L);
	}

	@Test
	void everyItemIsInExactlyOneRangeInOrder() {
		long[] sizes = new long[5_000];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = 1 + (i * 7919L) % 500;
		}
		List<Range> ranges = BulkChunks.plan(sizes, 300, 20_000);
		int next = 0;
		for (Range range : ranges) {
			assertThat(range.from()).isEqualTo(next);
			assertThat(range.size()).isBetween(1, 300);
			long body = 2 + range.size() - 1 + Arrays.stream(sizes, range.from(), range.to()).sum();
			assertThat(body).isLessThanOrEqualTo(20_000);
			next = range.to();
		}
		assertThat(next).isEqualTo(sizes.length);
	}

	@Test
	void noItemsNoRequests() {
		assertThat(BulkChunks.plan(new long[0], 10, 100)).isEmpty();
		assertThat(BulkChunks.bySize(0, 100)).isEmpty();
	}

	@Test
	void anItemTooLargeForAnyRequestIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BulkChunks.plan(new long[] { 10, 99 }, 10, 100))
			.withMessageContaining("Item 1 serialises to 99 bytes");
	}

	@Test
	void bulkGetsGoAHundredKeysPerRequest() {
		assertThat(BulkChunks.bySize(250, BulkChunks.MAX_GET_KEYS))
			.containsExactly(new Range(0, 100), new Range(100, 200), new Range(200, 250));
	}

	@Test
	void theBodyLimitStaysUnderOneHundredMegabytes() {
		assertThat(BulkChunks.MAX_BODY_BYTES).isLessThan(100_000_000L);
		assertThat(BulkChunks.MAX_ITEMS).isEqualTo(10_000);
	}

}
