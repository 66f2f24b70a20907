package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Percentage rollouts ({@code fractional}) for any targeting key, flag name and split: a key's variant never
 * changes between parses of the document, growing a rollout never takes the feature away from a key that had it,
 * each variant's share of many keys follows its weight, and two flags' rollouts are independent.
 * (RolloutStickinessTest checks one 10/90 split over 100,000 keys, and against flagd-core in another process.)
 */
class RolloutProperties {

	/** Keys per statistical try; the tolerances below are more than 5 standard deviations at this size. */
	private static final int KEYS = 20_000;

	@Property(tries = 500)
	void aKeysVariantIsTheSameInEveryParseOfTheDocument(@ForAll("targetingKeys") String key,
			@ForAll("flagNames") String flag, @ForAll @IntRange(min = 0, max = 100) int onPercent) {
		ObjectNode document = split(flag, onPercent);
		String first = variant(FlagDocument.parse(document), flag, key);
		String again = variant(FlagDocument.parse(document.deepCopy()), flag, key);
		assertThat(again).isEqualTo(first);
		assertThat(first).isIn("on", "off");
	}

	@Property(tries = 500)
	void growingARolloutNeverTakesTheFeatureAwayFromAKeyThatHadIt(@ForAll("targetingKeys") String key,
			@ForAll("flagNames") String flag, @ForAll @IntRange(min = 0, max = 100) int percent,
			@ForAll @IntRange(min = 0, max = 100) int more) {
		int larger = Math.min(100, percent + more);
		boolean before = "on".equals(variant(FlagDocument.parse(split(flag, percent)), flag, key));
		boolean after = "on".equals(variant(FlagDocument.parse(split(flag, larger)), flag, key));
		if (before) {
			assertThat(after).as("%s at %d%% then %d%%", key, percent, larger).isTrue();
		}
		if (percent == 0) {
			assertThat(before).isFalse();
		}
		if (larger == 100) {
			assertThat(after).isTrue();
		}
	}

	@Property(tries = 12)
	void eachVariantsShareOfManyKeysFollowsItsWeight(@ForAll("flagNames") String flag,
			@ForAll @IntRange(min = 1, max = 99) int onPercent, @ForAll @StringLength(max = 8) String keyPrefix) {
		FlagDocument document = FlagDocument.parse(split(flag, onPercent));
		int on = 0;
		for (int i = 0; i < KEYS; i++) {
			on += "on".equals(variant(document, flag, keyPrefix + i)) ? 1 : 0;
		}
		// At p = 0.5, one standard deviation of the share is 0.35 points: 2 points is more than 5 of them.
		assertThat(on / (double) KEYS).isCloseTo(onPercent / 100.0, within(0.02));
	}

	@Property(tries = 12)
	void twoFlagsRolloutsAreIndependent(@ForAll("flagNames") String a, @ForAll("flagNames") String b,
			@ForAll @IntRange(min = 10, max = 50) int onPercent, @ForAll @StringLength(max = 8) String keyPrefix) {
		if (a.equals(b)) {
			return;
		}
		ObjectNode json = split(a, onPercent);
		json.setAll(split(b, onPercent));
		FlagDocument document = FlagDocument.parse(json);
		int onA = 0;
		int onB = 0;
		int both = 0;
		for (int i = 0; i < KEYS; i++) {
			boolean inA = "on".equals(variant(document, a, keyPrefix + i));
			boolean inB = "on".equals(variant(document, b, keyPrefix + i));
			onA += inA ? 1 : 0;
			onB += inB ? 1 : 0;
			both += (inA && inB) ? 1 : 0;
		}
		double expected = (onA / (double) KEYS) * (onB / (double) KEYS);
		// The joint share of independent rollouts is the product of their shares (one standard deviation is at
		// most 0.31 points at 50 %: 1.6 points is more than 5 of them).
		assertThat(both / (double) KEYS).as("%s and %s at %d%%", a, b, onPercent).isCloseTo(expected, within(0.016));
	}

	@Provide
	Arbitrary<String> targetingKeys() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
				Arbitraries.strings().alpha().numeric().withChars("-_@.").ofMinLength(1).ofMaxLength(36),
				Arbitraries.strings().withCharRange('\u0400', '\u04FF')
					.ofMinLength(1)
					.ofMaxLength(12));
	}

	@Provide
	Arbitrary<String> flagNames() {
		return Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(24);
	}

	private static ObjectNode split(String flag, int onPercent) {
		ObjectNode document = JsonNodeFactory.instance.objectNode();
		document.set(flag, FlagCases.json("{\"state\": \"ENABLED\", \"variants\": {\"on\": true, \"off\": false}, "
				+ "\"defaultVariant\": \"off\", \"targeting\": {\"fractional\": [[\"on\", " + onPercent + "], [\"off\", "
				+ (100 - onPercent) + "]]}}"));
		return document;
	}

	private static String variant(FlagDocument document, String flag, String key) {
		Resolution resolution = document.resolve(flag, Map.of("targetingKey", key), Instant.EPOCH);
		assertThat(resolution.errorCode()).as(resolution.errorMessage()).isNull();
		return String.valueOf(resolution.variant());
	}

}
