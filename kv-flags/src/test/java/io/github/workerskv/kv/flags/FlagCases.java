package io.github.workerskv.kv.flags;

import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of flag documents (flagd definitions with random targeting over every operation flagd
 * documents, plus plain values) and of evaluation contexts (targeting keys, attributes of every JSON type,
 * semantic versions, timestamps).
 */
final class FlagCases {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory F = JsonNodeFactory.instance;

	static final long BASE_MILLIS = 1_800_000_000_000L;

	private static final String[] VARS = { "email", "plan", "age", "version", "country", "beta", "tags", "user.name",
			"user.tier", "targetingKey", "$flagd.flagKey", "$flagd.timestamp", "signupTs", "score" };

	private static final String[] VERSIONS = { "1.2.3", "v2.0.0", "1.2.3-beta.1", "1.2.3-beta.2", "1.2.3-alpha",
			"1.2", "1", "01.2.3", "1.2.3+build.5", "abc", "2.0.0-rc.1", "V1.10.0", "1.2.3.4", " 1.2.3 ", "10.0.0",
			"1.2.3-1", "1.2.3-rc.1.2", "0.0.0" };

	private static final String[] STRINGS = { "free", "pro", "enterprise", "", "US", "DE", "red", "abc", "42", "0",
			"1e3", " 7 ", "0x10", "true", "null", "pro-plus", "ü", "@example.com", "user", "Infinity" };

	private final Random random;

	FlagCases(long seed) {
		this.random = new Random(seed);
	}

	// ---- documents --------------------------------------------------------------------------

	ObjectNode document(int flags) {
		ObjectNode doc = F.objectNode();
		ObjectNode evaluators = F.objectNode();
		evaluators.set("isPro", json("{\"in\": [{\"var\": \"plan\"}, [\"pro\", \"enterprise\"]]}"));
		evaluators.set("adult", json("{\">=\": [{\"var\": \"age\"}, 18]}"));
		doc.set("$evaluators", evaluators);
		for (int i = 0; i < flags; i++) {
			String name = pick("flag", "new-checkout", "theme", "limit", "banner", "ränge") + "-" + i;
			doc.set(name, flagValue());
		}
		doc.put("plain-bool", this.random.nextBoolean());
		doc.put("plain-string", pick(STRINGS));
		doc.put("plain-number", this.random.nextInt(100));
		doc.set("plain-object", json("{\"color\": \"blue\", \"size\": 3}"));
		doc.putNull("plain-null");
		return doc;
	}

	private JsonNode flagValue() {
		int kind = this.random.nextInt(4);
		ObjectNode variants = F.objectNode();
		switch (kind) {
			case 0 -> {
				variants.put("on", true);
				variants.put("off", false);
				variants.put("true", true);
				variants.put("false", false);
			}
			case 1 -> {
				variants.put("red", "#f00");
				variants.put("green", "#0f0");
				variants.put("blue", "#00f");
				variants.put("pro", "pro-look");
				variants.put("42", "forty-two");
				variants.put("null", "literally-null");
			}
			case 2 -> {
				variants.put("one", 1);
				variants.put("half", 0.5);
				variants.put("big", 1_000_000);
				variants.put("1", 11);
			}
			default -> {
				variants.set("a", json("{\"layout\": \"grid\", \"columns\": 3}"));
				variants.set("b", json("{\"layout\": \"list\"}"));
				variants.set("c", json("[1, 2]"));
			}
		}
		List<String> names = names(variants);
		ObjectNode flag = F.objectNode();
		flag.put("state", (this.random.nextInt(12) == 0) ? "DISABLED" : "ENABLED");
		flag.set("variants", variants);
		int d = this.random.nextInt(10);
		if (d == 0) {
			flag.putNull("defaultVariant");
		}
		else if (d > 1) {
			flag.put("defaultVariant", names.get(this.random.nextInt(names.size())));
		}
		int t = this.random.nextInt(20);
		if (t == 0) {
			flag.set("targeting", F.objectNode());
		}
		else if (t == 1) {
			flag.set("targeting", json("{\"no_such_op\": [1]}"));
		}
		else if (t > 3) {
			flag.set("targeting", targeting(names));
		}
		return flag;
	}

	private JsonNode targeting(List<String> variants) {
		return switch (this.random.nextInt(6)) {
			case 0 -> fractional(variants, true);
			case 1 -> condition(2);
			case 2 -> {
				ArrayNode ifArgs = F.arrayNode();
				int pairs = 1 + this.random.nextInt(3);
				for (int i = 0; i < pairs; i++) {
					ifArgs.add(condition(2));
					ifArgs.add(variantExpression(variants));
				}
				if (this.random.nextBoolean()) {
					ifArgs.add(variantExpression(variants));
				}
				yield op("if", ifArgs);
			}
			case 3 -> op("or", F.arrayNode().add(condition(1)).add(variantExpression(variants)));
			default -> op("if", F.arrayNode().add(condition(2)).add(variantExpression(variants))
				.add(variantExpression(variants)));
		};
	}

	private JsonNode variantExpression(List<String> variants) {
		int k = this.random.nextInt(10);
		if (k < 5) {
			return F.stringNode(variants.get(this.random.nextInt(variants.size())));
		}
		return switch (k) {
			case 5, 6 -> fractional(variants, false);
			case 7 -> F.nullNode();
			case 8 -> variable();
			default -> F.stringNode(pick("missing-variant", "on", "red", "one", "a"));
		};
	}

	private JsonNode fractional(List<String> variants, boolean topLevel) {
		ArrayNode args = F.arrayNode();
		switch (this.random.nextInt(5)) {
			case 0 -> args.add(op("cat", F.arrayNode().add(variable("$flagd.flagKey")).add(variable())));
			case 1 -> args.add(F.stringNode(pick("seed-", "shared", "") + this.random.nextInt(5)));
			case 2 -> args.add(variable(pick("email", "user.name", "targetingKey", "plan")));
			default -> {
			}
		}
		int buckets = 1 + this.random.nextInt(4);
		for (int i = 0; i < buckets; i++) {
			ArrayNode bucket = F.arrayNode();
			bucket.add(this.random.nextInt(12) == 0 ? F.booleanNode(this.random.nextBoolean())
					: F.stringNode(variants.get(this.random.nextInt(variants.size()))));
			int w = this.random.nextInt(10);
			if (w < 7) {
				bucket.add(this.random.nextInt(101));
			}
			else if (w == 7) {
				bucket.add(-5);
			}
			else if (w == 8 && !topLevel) {
				bucket.add(this.random.nextBoolean() ? op("if", F.arrayNode().add(condition(1)).add(100).add(0))
						: op("if", F.arrayNode().add(condition(1)).add(100)));
			}
			args.add(bucket);
		}
		return op("fractional", args);
	}

	private JsonNode condition(int depth) {
		int k = this.random.nextInt(depth > 0 ? 13 : 9);
		return switch (k) {
			case 0, 1 -> op(pick("==", "!=", "===", "!=="), F.arrayNode().add(operand()).add(operand()));
			case 2, 3 -> op(pick("<", "<=", ">", ">="), F.arrayNode().add(operand()).add(operand()));
			case 4 -> op(pick("<", "<="), F.arrayNode().add(operand()).add(operand()).add(operand()));
			case 5 -> op("in", F.arrayNode().add(operand()).add(container()));
			case 6 -> op(pick("starts_with", "ends_with"), F.arrayNode().add(variable(pick("email", "plan", "targetingKey")))
				.add(F.stringNode(pick("@example.com", "pro", "user", "a", "", ".org"))));
			case 7 -> op("sem_ver", F.arrayNode().add(variable(pick("version", "version", "plan", "age")))
				.add(pick("=", "!=", "<", "<=", ">", ">=", "^", "~", "=="))
				.add(F.stringNode(pick(VERSIONS))));
			case 8 -> op(pick("!", "!!"), (this.random.nextBoolean() ? F.arrayNode().add(operand()) : operand()));
			case 9 -> op(pick("and", "or"), F.arrayNode().add(condition(depth - 1)).add(condition(depth - 1)));
			case 10 -> op("!", F.arrayNode().add(condition(depth - 1)));
			case 11 -> json("{\"$ref\": \"" + pick("isPro", "adult") + "\"}");
			default -> op("fractional", F.arrayNode().add(F.arrayNode().add(true).add(this.random.nextInt(3)))
				.add(F.arrayNode().add(false).add(this.random.nextInt(3))));
		};
	}

	private JsonNode operand() {
		return switch (this.random.nextInt(8)) {
			case 0, 1, 2 -> variable();
			case 3 -> F.numberNode(pick(0.0, 1.0, 18.0, 42.0, 65.0, 100.0, -1.0, 1.5));
			case 4 -> F.stringNode(pick(STRINGS));
			case 5 -> pick(F.booleanNode(true), F.booleanNode(false), F.nullNode());
			case 6 -> op("cat", F.arrayNode().add(variable()).add(F.stringNode(pick("", "-x", "pro"))));
			default -> pick(variable("$flagd.timestamp"), F.numberNode(BASE_MILLIS / 1000 + 400_000.0));
		};
	}

	private JsonNode container() {
		return switch (this.random.nextInt(4)) {
			case 0 -> json("[\"pro\", \"enterprise\", 42, true, null, \"US\"]");
			case 1 -> F.stringNode(pick("@example.com,@test.org", "free pro enterprise", "12345"));
			case 2 -> variable(pick("tags", "email", "plan", "user"));
			default -> json("[\"DE\", \"FR\"]");
		};
	}

	private JsonNode variable() {
		return variable(VARS[this.random.nextInt(VARS.length)]);
	}

	private JsonNode variable(String name) {
		if (this.random.nextInt(6) == 0) {
			return op("var", F.arrayNode().add(name).add(pick("dflt", "pro", "")));
		}
		return op("var", F.stringNode(name));
	}

	// ---- contexts ---------------------------------------------------------------------------

	ObjectNode context() {
		ObjectNode ctx = F.objectNode();
		int t = this.random.nextInt(20);
		if (t > 1) {
			ctx.put("targetingKey", targetingKey());
		}
		else if (t == 1) {
			ctx.put("targetingKey", "");
		}
		maybe(ctx, "email", () -> F.stringNode(pick("jon", "jane", "x", "user") + this.random.nextInt(100)
				+ pick("@example.com", "@test.org", "@faas.com", "")));
		maybe(ctx, "plan", () -> pick(F.stringNode(pick(STRINGS)), F.stringNode("pro"), F.numberNode(1),
				F.booleanNode(true), F.nullNode()));
		maybe(ctx, "age", () -> pick(F.numberNode(this.random.nextInt(90)), F.numberNode(17.5),
				F.stringNode(String.valueOf(this.random.nextInt(90))), F.stringNode(pick(STRINGS)), F.nullNode()));
		maybe(ctx, "version", () -> (this.random.nextInt(8) == 0) ? F.numberNode(2) : F.stringNode(pick(VERSIONS)));
		maybe(ctx, "country", () -> F.stringNode(pick("US", "DE", "FR", "CH")));
		maybe(ctx, "beta", () -> pick(F.booleanNode(true), F.booleanNode(false), F.stringNode("yes"), F.numberNode(0)));
		maybe(ctx, "tags", () -> pick(json("[\"pro\", \"beta\"]"), json("[]"), json("[42, true]"), F.stringNode("pro")));
		maybe(ctx, "user", () -> pick(json("{\"name\": \"" + pick("jack", "queen", "ten", "") + "\", \"tier\": \""
				+ pick("gold", "") + "\"}"), json("{}"), F.stringNode(""), F.numberNode(0)));
		maybe(ctx, "signupTs", () -> F.numberNode(BASE_MILLIS / 1000 - this.random.nextInt(2_000_000)));
		maybe(ctx, "score", () -> F.numberNode(this.random.nextDouble() * 100));
		return ctx;
	}

	long nowMillis() {
		return BASE_MILLIS + this.random.nextInt(1_000_000_000);
	}

	String targetingKey() {
		return switch (this.random.nextInt(10)) {
			case 0 -> "user-" + this.random.nextInt(1_000_000);
			case 1 -> pick("jörg", "élodie", "用户", "😀-emoji", "naïve-ß", "\u8000\u8001\u8002");
			case 2 -> Long.toHexString(this.random.nextLong());
			default -> randomAscii(1 + this.random.nextInt(24));
		};
	}

	private String randomAscii(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append((char) (0x21 + this.random.nextInt(0x5e)));
		}
		return text.toString();
	}

	private void maybe(ObjectNode ctx, String name, java.util.function.Supplier<JsonNode> value) {
		if (this.random.nextInt(5) > 0) {
			ctx.set(name, value.get());
		}
	}

	// ---- helpers ----------------------------------------------------------------------------

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	@SafeVarargs
	final <T> T pick(T... options) {
		return options[this.random.nextInt(options.length)];
	}

	private static ObjectNode op(String name, JsonNode args) {
		ObjectNode node = F.objectNode();
		node.set(name, args);
		return node;
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	private static List<String> names(ObjectNode object) {
		return List.copyOf(object.propertyNames());
	}

}
