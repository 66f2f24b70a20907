package io.github.workerskv.kv.spring.cache;

import java.lang.reflect.Field;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints that {@code META-INF/spring/aot.factories} gives Spring AOT for what the KV cache reaches
 * by reflection.
 */
class KVCacheRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void aotFactoriesRegisterTheCacheHints() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(KVCacheRuntimeHints.class);
	}

	@Test
	void theSimpleKeyFieldTheKeyConverterReadsIsOpenToReflection() {
		Field params = ReflectionUtils.findField(SimpleKey.class, DefaultKeyConverter.SIMPLE_KEY_PARAMS_FIELD,
				Object[].class);
		assertThat(params).isNotNull();
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(params)).accepts(this.hints);
		assertThat(DefaultKeyConverter.INSTANCE.apply(new SimpleKey("a", 1))).isEqualTo("[a,1]");
	}

	@Test
	void caffeineCanBeLookedUpByNameToSwitchTheNearCacheOn() {
		assertThat(RuntimeHintsPredicates.reflection().onType(Caffeine.class)).accepts(this.hints);
		assertThat(KVCacheConfiguration.isCaffeinePresent(getClass().getClassLoader())).isTrue();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		registrars.forEach((registrar) -> registrar.registerHints(hints, KVCacheRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

}
