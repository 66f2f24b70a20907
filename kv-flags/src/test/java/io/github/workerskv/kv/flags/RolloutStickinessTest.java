package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Percentage rollouts over 100,000 targeting keys: each bucket of a 10/90 split holds its share within half a
 * point, a key's bucket is the same in another run and in another process (flagd-core under node), and two
 * flags' buckets are independent.
 */
class RolloutStickinessTest {

	private static final int KEYS = 100_000;

	private static final String SPLIT = "{\"state\": \"ENABLED\", \"variants\": {\"on\": true, \"off\": false}, "
			+ "\"defaultVariant\": \"off\", \"targeting\": {\"fractional\": [[\"on\", 10], [\"off\", 90]]}}";

	@Test
	void aTenNinetySplitIsSharedStickyAndIndependentPerFlag() {
		ObjectNode document = JsonNodeFactory.instance.objectNode();
		document.set("rollout-a", FlagCases.json(SPLIT));
		document.set("rollout-b", FlagCases.json(SPLIT));
		FlagDocument flags = FlagDocument.parse(document);
		String[] keys = keys();

		boolean[] a = new boolean[KEYS];
		boolean[] b = new boolean[KEYS];
		int onA = 0;
		int onB = 0;
		int both = 0;
		for (int i = 0; i < KEYS; i++) {
			a[i] = on(flags, "rollout-a", keys[i]);
			b[i] = on(flags, "rollout-b", keys[i]);
			onA += a[i] ? 1 : 0;
			onB += b[i] ? 1 : 0;
			both += (a[i] && b[i]) ? 1 : 0;
		}
		double shareA = onA / (double) KEYS;
		double shareB = onB / (double) KEYS;
		double joint = both / (double) KEYS;
		double phi = (joint - shareA * shareB)
				/ Math.sqrt(shareA * (1 - shareA) * shareB * (1 - shareB));
		System.out.printf("rollout: 10%% bucket holds %.3f%% (a) and %.3f%% (b); 90%% bucket %.3f%% and %.3f%%; "
				+ "both on %.3f%% (independent: 1%%), phi %.4f%n", 100 * shareA, 100 * shareB, 100 * (1 - shareA),
				100 * (1 - shareB), 100 * joint, phi);
		assertThat(shareA).isCloseTo(0.10, within(0.005));
		assertThat(shareB).isCloseTo(0.10, within(0.005));
		assertThat(1 - shareA).isCloseTo(0.90, within(0.005));
		assertThat(1 - shareB).isCloseTo(0.90, within(0.005));
		// Independent flags: 1 % of keys in both 10 % buckets (5 standard deviations is 0.16 points).
		assertThat(joint).isCloseTo(0.01, within(0.0016));
		assertThat(Math.abs(phi)).isLessThan(0.02);

		FlagDocument again = FlagDocument.parse(document.deepCopy());
		for (int i = 0; i < KEYS; i++) {
			assertThat(on(again, "rollout-a", keys[i])).isEqualTo(a[i]);
		}

		ObjectNode input = JsonNodeFactory.instance.objectNode();
		input.set("documents", JsonNodeFactory.instance.objectNode().set("d", document));
		ArrayNode cases = input.putArray("cases");
		for (int i = 0; i < KEYS; i++) {
			ObjectNode context = JsonNodeFactory.instance.objectNode().put("targetingKey", keys[i]);
			cases.add(JsonNodeFactory.instance.arrayNode().add("d").add((i % 2 == 0) ? "rollout-a" : "rollout-b")
				.add("boolean").add(false).add(context).add(0));
		}
		JsonNode answers = FlagdCoreDriver.evaluate(input, Duration.ofSeconds(60));
		int differences = 0;
		for (int i = 0; i < KEYS; i++) {
			boolean java = (i % 2 == 0) ? a[i] : b[i];
			if (answers.get(i).get(0).booleanValue() != java) {
				differences++;
			}
		}
		System.out.println("rollout: " + KEYS + " keys, " + differences + " buckets differ from flagd-core's");
		assertThat(differences).isZero();
	}

	private static boolean on(FlagDocument flags, String flag, String key) {
		return flags.resolve(flag, Map.of("targetingKey", key), Instant.EPOCH).value().booleanValue();
	}

	private static String[] keys() {
		Random random = new Random(42);
		String[] keys = new String[KEYS];
		for (int i = 0; i < KEYS; i++) {
			keys[i] = switch (i % 4) {
				case 0 -> "user-" + i;
				case 1 -> Long.toHexString(random.nextLong());
				case 2 -> "u" + random.nextInt(1_000_000_000) + "@example.com";
				default -> "ключ-" + i + "-é";
			};
		}
		return keys;
	}

}
