package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The manager: initial caches with their own configuration, on-demand caches, and who hears of them. */
class KVCacheManagerTests {

	private final LocalKVStore store = LocalKVStore.inMemory();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	private KVCacheManager.Builder builder() {
		return KVCacheManager.builder(this.store.namespace("manager"));
	}

	@Test
	void configuredCachesExistFromTheStartWithTheirOwnConfiguration() {
		KVCacheConfiguration quotes = KVCacheConfiguration.defaultCacheConfig().withTtl(Duration.ofSeconds(15));
		KVCacheManager manager = builder().withCacheConfiguration("quotes", quotes)
			.initialCacheNames(Set.of("books"))
			.build();
		manager.afterPropertiesSet();

		assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("quotes", "books");
		assertThat(((KVCache) manager.getCache("quotes")).getConfiguration()).isSameAs(quotes);
		assertThat(((KVCache) manager.getCache("books")).getConfiguration())
			.isSameAs(manager.getDefaultCacheConfiguration());
	}

	@Test
	void otherNamesGetADefaultCacheOnFirstUse() {
		KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig().withKeyPrefix("c:");
		KVCacheManager manager = builder().cacheDefaults(defaults).build();
		manager.afterPropertiesSet();

		KVCache cache = (KVCache) manager.getCache("anything");

		assertThat(cache.getConfiguration()).isSameAs(defaults);
		assertThat(manager.getCache("anything")).isSameAs(cache);
		assertThat(manager.getCacheNames()).containsExactly("anything");
	}

	@Test
	void withCreationDisabledOnlyConfiguredCachesExist() {
		KVCacheManager manager = builder().initialCacheNames(Set.of("books")).disableCreateOnMissingCache().build();
		manager.afterPropertiesSet();

		assertThat(manager.getCache("books")).isNotNull();
		assertThat(manager.getCache("other")).isNull();
		assertThat(manager.isCreateOnMissingCache()).isFalse();
	}

	@Test
	void listenersHearOfEachCacheCreatedOnDemandOnceAndNotOfInitialOnes() {
		List<String> heard = new ArrayList<>();
		KVCacheManager manager = builder().initialCacheNames(Set.of("books"))
			.onCacheCreated((cache) -> heard.add(cache.getName()))
			.build();
		manager.afterPropertiesSet();

		manager.getCache("quotes");
		manager.getCache("quotes");
		manager.getCache("books");

		assertThat(heard).containsExactly("quotes");
	}

	@Test
	void statisticsAreCountedOnlyWhenEnabled() {
		KVCacheManager off = builder().build();
		off.afterPropertiesSet();
		KVCacheManager on = builder().enableStatistics().build();
		on.afterPropertiesSet();

		off.getCache("c").get("k");
		on.getCache("c").get("k");

		assertThat(((KVCache) off.getCache("c")).getStatistics().gets()).isZero();
		assertThat(((KVCache) on.getCache("c")).getStatistics().misses()).isEqualTo(1);
	}

	@Test
	void aCacheNameWithTheKeySeparatorIsRejected() {
		KVCacheManager manager = KVCacheManager.create(this.store.namespace("manager"));

		assertThatIllegalArgumentException().isThrownBy(() -> manager.getCache("a::b"))
			.withMessageContaining("must not contain '::'");
	}

	@Test
	void aPrefixTooLongForAnyKeyIsRejected() {
		KVCacheManager manager = builder()
			.cacheDefaults(KVCacheConfiguration.defaultCacheConfig().withKeyPrefix("p".repeat(450)))
			.build();
		manager.afterPropertiesSet();

		assertThatIllegalArgumentException().isThrownBy(() -> manager.getCache("books"))
			.withMessageContaining("leave no room for a hashed key");
	}

	@Test
	void theBuilderShowsWhatIsConfiguredSoCustomizersCanAdjustIt() {
		KVCacheConfiguration quotes = KVCacheConfiguration.defaultCacheConfig().withTtl(Duration.ofSeconds(15));
		KVCacheManager.Builder builder = builder().withCacheConfiguration("quotes", quotes)
			.initialCacheNames(Set.of("books"));

		assertThat(builder.getConfiguredCaches()).containsExactly("quotes", "books");
		assertThat(builder.getCacheConfigurationFor("quotes")).containsSame(quotes);
		assertThat(builder.getCacheConfigurationFor("books")).isEmpty();
	}

}
