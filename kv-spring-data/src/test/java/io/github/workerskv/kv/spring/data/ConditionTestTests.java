package io.github.workerskv.kv.spring.data;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.query.parser.Part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What each kind of condition means, on metadata and on values alike. */
class ConditionTestTests {

	private final ConditionTest conditions = new ConditionTest(DefaultConversionService.getSharedInstance());

	private boolean test(Part.Type type, Object value, Object... arguments) {
		return this.conditions.test(KVCondition.of("p", type, Arrays.asList(arguments), false), value);
	}

	private boolean testIgnoringCase(Part.Type type, Object value, Object... arguments) {
		return this.conditions.test(KVCondition.of("p", type, Arrays.asList(arguments), true), value);
	}

	@Test
	void comparisonsConvertTheArgumentAndNeverMatchNull() {
		assertThat(test(Part.Type.GREATER_THAN, 5L, 4)).isTrue();
		assertThat(test(Part.Type.LESS_THAN_EQUAL, 5L, 5)).isTrue();
		assertThat(test(Part.Type.LESS_THAN, null, 5)).isFalse();
		assertThat(test(Part.Type.GREATER_THAN, null, 5)).isFalse();
		assertThat(test(Part.Type.BETWEEN, 3, 3, 5)).isTrue();
		assertThat(test(Part.Type.BETWEEN, 5, 3, 5)).isTrue();
		assertThat(test(Part.Type.BETWEEN, 6, 3, 5)).isFalse();
		assertThat(testIgnoringCase(Part.Type.GREATER_THAN, "b", "A")).isTrue();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> test(Part.Type.GREATER_THAN, List.of(1), 1))
			.withMessageContaining("Cannot compare 'p'");
	}

	@Test
	void equalityInAndNullTests() {
		assertThat(test(Part.Type.SIMPLE_PROPERTY, 42L, 42)).isTrue();
		assertThat(testIgnoringCase(Part.Type.SIMPLE_PROPERTY, "Ada", "ada")).isTrue();
		assertThat(test(Part.Type.SIMPLE_PROPERTY, "Ada", "ada")).isFalse();
		assertThat(test(Part.Type.NEGATING_SIMPLE_PROPERTY, "a", "b")).isTrue();
		assertThat(test(Part.Type.IN, null, Arrays.asList("a", null))).isTrue();
		assertThat(test(Part.Type.IN, "c", List.of("a", "b"))).isFalse();
		assertThat(test(Part.Type.NOT_IN, "c", List.of("a", "b"))).isTrue();
		assertThat(test(Part.Type.IN, 2L, (Object) new Integer[] { 1, 2 })).isTrue();
		assertThat(test(Part.Type.IS_NULL, null)).isTrue();
		assertThat(test(Part.Type.IS_NOT_NULL, "x")).isTrue();
		assertThat(test(Part.Type.TRUE, true)).isTrue();
		assertThat(test(Part.Type.FALSE, null)).isFalse();
	}

	@Test
	void textTests() {
		assertThat(test(Part.Type.LIKE, "Grace Hopper", "Gr%H_pper")).isTrue();
		assertThat(test(Part.Type.LIKE, "Grace", "race")).as("no wildcard: the whole value").isFalse();
		assertThat(test(Part.Type.LIKE, "a.c", "a.c")).isTrue();
		assertThat(test(Part.Type.LIKE, "abc", "a.c")).as("a dot is no wildcard").isFalse();
		assertThat(testIgnoringCase(Part.Type.LIKE, "GRACE", "gr%")).isTrue();
		assertThat(test(Part.Type.NOT_LIKE, "Grace", "X%")).isTrue();
		assertThat(test(Part.Type.NOT_LIKE, null, "X%")).isFalse();
		assertThat(test(Part.Type.STARTING_WITH, "Grace", "Gr")).isTrue();
		assertThat(testIgnoringCase(Part.Type.ENDING_WITH, "Grace", "ACE")).isTrue();
		assertThat(test(Part.Type.CONTAINING, "Grace", "rac")).isTrue();
		assertThat(test(Part.Type.CONTAINING, List.of("red", "blue"), "blue")).isTrue();
		assertThat(test(Part.Type.NOT_CONTAINING, List.of("red"), "blue")).isTrue();
		assertThat(test(Part.Type.REGEX, "Grace Hopper", "H.p+")).isTrue();
		assertThat(test(Part.Type.STARTING_WITH, 42, "4")).as("only strings start with text").isFalse();
	}

	@Test
	void emptiness() {
		assertThat(test(Part.Type.IS_EMPTY, "")).isTrue();
		assertThat(test(Part.Type.IS_EMPTY, List.of())).isTrue();
		assertThat(test(Part.Type.IS_EMPTY, null)).isTrue();
		assertThat(test(Part.Type.IS_NOT_EMPTY, List.of(1))).isTrue();
	}

	@Test
	void geospatialConditionsAndWrongArgumentCountsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> KVCondition.of("p", Part.Type.NEAR, List.of(1), false))
			.withMessageContaining("no geospatial queries");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KVCondition.of("p", Part.Type.BETWEEN, List.of(1), false))
			.withMessageContaining("takes 2 argument(s), not 1");
	}

}
