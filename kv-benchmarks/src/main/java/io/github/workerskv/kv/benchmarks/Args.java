package io.github.workerskv.kv.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a driver, each with a default. */
final class Args {

	private final Map<String, String> values = new HashMap<>();

	Args(String[] args) {
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 == args.length) {
				throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'");
			}
			this.values.put(args[i].substring(2), args[++i]);
		}
	}

	int integer(String name, int otherwise) {
		return this.values.containsKey(name) ? Integer.parseInt(this.values.get(name)) : otherwise;
	}

	Duration seconds(String name, double otherwise) {
		double seconds = this.values.containsKey(name) ? Double.parseDouble(this.values.get(name)) : otherwise;
		return Duration.ofMillis((long) (seconds * 1000));
	}

	String text(String name, String otherwise) {
		return this.values.getOrDefault(name, otherwise);
	}

}
