package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} on a slow service, in a plain Spring context
 * with {@code @EnableCaching} and a {@link KVCacheManager}: the service is called only when the cache cannot
 * answer. Invocations are counted, never timed.
 */
class CachingAnnotationsTests {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
			CachingConfiguration.class);

	private final SlowBookService service = this.context.getBean(SlowBookService.class);

	private final KVNamespace namespace = this.context.getBean(LocalKVStore.class).namespace("books");

	private final MutableClock clock = this.context.getBean(MutableClock.class);

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void cacheableCallsTheServiceOnceAndThenServesFromKV() {
		Book first = this.service.find("978-0");
		Book second = this.service.find("978-0");

		assertThat(second).isEqualTo(first);
		assertThat(this.service.calls()).isEqualTo(1);
		assertThat(this.namespace.get("books::v1::978-0")).startsWith("kvc1 v ");
	}

	@Test
	void thePerCacheTtlDecidesWhenTheServiceIsCalledAgain() {
		this.service.find("978-0");
		this.clock.advance(Duration.ofSeconds(29));
		this.service.find("978-0");
		this.clock.advance(Duration.ofSeconds(1));
		this.service.find("978-0");

		assertThat(this.service.calls()).isEqualTo(2);
	}

	@Test
	void cachePutRefreshesTheEntryWithoutAReadAndCacheEvictRemovesIt() {
		this.service.find("978-0");
		this.service.save(new Book("978-0", "Second edition", List.of()));

		assertThat(this.service.find("978-0").title()).isEqualTo("Second edition");
		assertThat(this.service.calls()).isEqualTo(1);

		this.service.remove("978-0");
		this.service.find("978-0");
		assertThat(this.service.calls()).isEqualTo(2);
	}

	@Test
	void evictingAllEntriesClearsTheCache() {
		this.service.find("1");
		this.service.find("2");

		this.service.removeAll();
		this.service.find("1");
		this.service.find("2");

		assertThat(this.service.calls()).isEqualTo(4);
	}

	@Test
	void aNullResultIsCachedToo() {
		assertThat(this.service.findMissing("404")).isNull();
		assertThat(this.service.findMissing("404")).isNull();

		assertThat(this.service.calls()).isEqualTo(1);
	}

	@Test
	void syncCacheableGoesThroughTheSingleFlightLoad() {
		this.service.findSynchronized("978-0");
		this.service.findSynchronized("978-0");

		assertThat(this.service.calls()).isEqualTo(1);
	}

	@Test
	void aCompletableFutureResultIsCachedThroughTheAsynchronousSpi() {
		Book first = this.service.findAsync("978-0").join();
		Book second = this.service.findAsync("978-0").join();

		assertThat(second).isEqualTo(first);
		assertThat(this.service.calls()).isEqualTo(1);
		assertThat(this.namespace.get("async-books::v1::978-0")).isNotNull();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
		}

		@Bean(destroyMethod = "close")
		LocalKVStore localKVStore(MutableClock clock) {
			return LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(clock));
		}

		@Bean
		KVCacheManager cacheManager(LocalKVStore store, MutableClock clock) {
			KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig()
				.withValueCodec(KVCacheValueCodec.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache."),
						getClass().getClassLoader()));
			return KVCacheManager.builder(store.namespace("books"))
				.cacheDefaults(defaults)
				.withCacheConfiguration("books", defaults.withTtl(Duration.ofSeconds(30)))
				.clock(clock)
				.build();
		}

		@Bean
		SlowBookService slowBookService() {
			return new SlowBookService();
		}

	}

	static class SlowBookService {

		private final AtomicInteger calls = new AtomicInteger();

		/** @return how often the slow lookup ran (a method, because the caching proxy has no state) */
		public int calls() {
			return this.calls.get();
		}

		@Cacheable("books")
		public Book find(String isbn) {
			return lookUp(isbn);
		}

		@CachePut(cacheNames = "books", key = "#book.isbn")
		public Book save(Book book) {
			return book;
		}

		@CacheEvict("books")
		public void remove(String isbn) {
		}

		@CacheEvict(cacheNames = "books", allEntries = true)
		public void removeAll() {
		}

		@Cacheable("missing-books")
		public @Nullable Book findMissing(String isbn) {
			this.calls.incrementAndGet();
			return null;
		}

		@Cacheable(cacheNames = "sync-books", sync = true)
		public Book findSynchronized(String isbn) {
			return lookUp(isbn);
		}

		@Cacheable("async-books")
		public CompletableFuture<Book> findAsync(String isbn) {
			return CompletableFuture.supplyAsync(() -> lookUp(isbn));
		}

		private Book lookUp(String isbn) {
			return new Book(isbn, "Title " + this.calls.incrementAndGet(), List.of("Ada"));
		}

	}

}
