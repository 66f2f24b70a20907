package io.github.workerskv.kv.spring.cache;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The default conversion of cache keys to text, which must stay the same across versions. */
class DefaultKeyConverterTests {

	private final DefaultKeyConverter converter = DefaultKeyConverter.INSTANCE;

	@Test
	void scalarsUseTheirStandardText() {
		assertThat(this.converter.apply("isbn:1")).isEqualTo("isbn:1");
		assertThat(this.converter.apply(42L)).isEqualTo("42");
		assertThat(this.converter.apply(true)).isEqualTo("true");
		assertThat(this.converter.apply(LocalDate.of(2030, 1, 2))).isEqualTo("2030-01-02");
		assertThat(this.converter.apply(UUID.fromString("3b3037e2-9f11-402b-aeac-6d55ebe22f22")))
			.isEqualTo("3b3037e2-9f11-402b-aeac-6d55ebe22f22");
		assertThat(this.converter.apply(Colour.RED)).isEqualTo("RED");
	}

	@Test
	void severalParametersBecomeABracketedListWithEscapes() {
		assertThat(this.converter.apply(new SimpleKey("a", 1, null))).isEqualTo("[a,1,\\N]");
		assertThat(this.converter.apply(new SimpleKey("a,b", "[c]", "d\\e"))).isEqualTo("[a\\,b,\\[c\\],d\\\\e]");
		assertThat(this.converter.apply(new SimpleKey(List.of(1, 2), "x"))).isEqualTo("[\\[1\\,2\\],x]");
		assertThat(this.converter.apply(SimpleKey.EMPTY)).isEqualTo("[]");
		assertThat(this.converter.apply(new int[] { 1, 2 })).isEqualTo("[1,2]");
	}

	@Test
	void aTypeWithItsOwnToStringUsesIt() {
		assertThat(this.converter.apply(new Isbn("978-0"))).isEqualTo("Isbn[value=978-0]");
	}

	@Test
	void aTypeWithoutToStringIsRejectedNamingTheWayOut() {
		assertThatIllegalStateException().isThrownBy(() -> this.converter.apply(new Object()))
			.withMessageContaining("java.lang.Object")
			.withMessageContaining("withKeyConverter");
	}

	enum Colour {

		RED

	}

	record Isbn(String value) {
	}

}
