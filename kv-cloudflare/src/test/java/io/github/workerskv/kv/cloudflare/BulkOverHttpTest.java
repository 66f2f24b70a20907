package io.github.workerskv.kv.cloudflare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Bulk put and bulk delete: chunking, unsuccessful keys, failed chunks. */
class BulkOverHttpTest {

	private static final int COUNT = 12_345;

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private CloudflareKVNamespace kv;

	@BeforeEach
	void namespace() {
		this.kv = account.freshNamespace();
	}

	@Test
	void moreThanTenThousandWritesGoInChunksAndAllLand() {
		RequestLog puts = account.requests();
		BulkResult result = this.kv.bulkPut(writes(COUNT));
		assertThat(result).isEqualTo(new BulkResult(COUNT, List.of()));
		assertThat(result.isComplete()).isTrue();
		assertThat(puts.count(RequestLine.matching("PUT", "/bulk$"))).isEqualTo(2);
		KVNamespace stored = account.emulator().store().namespace(this.kv.id());
		assertThat(stored.get("key-00000")).isEqualTo("value-0");
		assertThat(stored.get("key-12344")).isEqualTo("value-12344");
		assertThat(countKeys(stored)).isEqualTo(COUNT);
	}

	@Test
	void moreThanTenThousandDeletesGoInChunks() {
		this.kv.bulkPut(writes(COUNT));
		RequestLog deletes = account.requests();
		List<String> keys = writes(COUNT).stream().map(BulkWrite::key).toList();
		assertThat(this.kv.bulkDelete(keys)).isEqualTo(new BulkResult(COUNT, List.of()));
		assertThat(deletes.count(RequestLine.matching("POST", "/bulk/delete$"))).isEqualTo(2);
		assertThat(countKeys(account.emulator().store().namespace(this.kv.id()))).isZero();
	}

	@Test
	void unsuccessfulKeysOfEveryChunkAreReported() {
		account.emulator().faults().failBulkKeys("key-00007", "key-10007", "key-12000");
		BulkResult put = this.kv.bulkPut(writes(COUNT));
		assertThat(put.successfulKeyCount()).isEqualTo(COUNT - 3);
		assertThat(put.unsuccessfulKeys()).containsExactly("key-00007", "key-10007", "key-12000");
		assertThat(put.isComplete()).isFalse();
		assertThat(this.kv.get("key-10007")).isNull();
		BulkResult delete = this.kv.bulkDelete(List.of("key-00001", "key-00007", "key-10008"));
		assertThat(delete).isEqualTo(new BulkResult(2, List.of("key-00007")));
	}

	@Test
	void aFailedChunkDoesNotStopTheNextAndIsReported() {
		account.emulator().faults().next(1, RequestLine.matching("PUT", "/bulk$"), Fault.serverError(503));
		assertThatExceptionOfType(CloudflareBulkException.class).isThrownBy(() -> this.kv.bulkPut(writes(COUNT)))
			.satisfies((ex) -> {
				assertThat(ex.failures()).hasSize(1);
				assertThat(ex.failures().get(0)).isInstanceOf(CloudflareServerException.class);
				assertThat(ex.httpStatus()).isEqualTo(503);
				assertThat(ex.result().successfulKeyCount()).isEqualTo(COUNT - 10_000);
				assertThat(ex.result().unsuccessfulKeys()).hasSize(10_000).startsWith("key-00000").endsWith("key-09999");
				assertThat(ex.getMessage()).contains("1 of 2 requests failed").contains("10000 keys are unconfirmed");
			});
		assertThat(this.kv.get("key-12344")).isEqualTo("value-12344");
		assertThat(this.kv.get("key-00000")).isNull();
	}

	@Test
	void everyChunkFailingIsReportedWithEachCause() {
		account.emulator().faults().next(2, RequestLine.matching("POST", "/bulk/delete$"),
				Fault.rateLimited(java.time.Duration.ofSeconds(2)));
		List<String> keys = writes(COUNT).stream().map(BulkWrite::key).toList();
		assertThatExceptionOfType(CloudflareBulkException.class).isThrownBy(() -> this.kv.bulkDelete(keys))
			.satisfies((ex) -> {
				assertThat(ex.failures()).hasSize(2).allMatch((failure) -> failure instanceof CloudflareRateLimitException);
				assertThat(ex.getSuppressed()).hasSize(1);
				assertThat(ex.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(2));
				assertThat(ex.result()).isEqualTo(new BulkResult(0, keys));
			});
	}

	@Test
	void binaryValuesMetadataAndExpirationTravelInBulk() {
		byte[] binary = { 0, (byte) 0xFF, (byte) 0xC3, 0x28 };
		long expiration = java.time.Instant.now().getEpochSecond() + 3600;
		this.kv.bulkPut(List.of(BulkWrite.of("bin", binary), BulkWrite.of("meta", "v").withMetadata(Map.of("a", 1)),
				BulkWrite.of("exp", "v").withExpiration(expiration), BulkWrite.of("ttl", "v").withExpirationTtl(600)));
		assertThat(this.kv.getBytes("bin")).isEqualTo(binary);
		assertThat(this.kv.getWithMetadata("meta").metadata().get("a").asInt()).isEqualTo(1);
		ValueWithMetadata<byte[]> exp = this.kv.getWithMetadata("exp", ValueType.bytes(), GetOptions.defaults());
		assertThat(exp.expiration()).isEqualTo(expiration);
		assertThat(this.kv.getWithMetadata("ttl", ValueType.bytes(), GetOptions.defaults()).expiration()).isNotNull();
	}

	private static List<BulkWrite> writes(int count) {
		List<BulkWrite> writes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			writes.add(BulkWrite.of(String.format("key-%05d", i), "value-" + i));
		}
		return writes;
	}

	private static int countKeys(KVNamespace namespace) {
		int count = 0;
		ListOptions options = ListOptions.defaults();
		for (int page = 0; page < 100; page++) {
			var result = namespace.list(options);
			count += result.keys().size();
			if (result.listComplete()) {
				return count;
			}
			options = options.withCursor(result.cursor());
		}
		throw new AssertionError("the listing did not end within 100 pages");
	}

}
