package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks, in the actuator's {@code env} endpoint, the values of properties imported from KV whose names end with
 * one of {@code cloudflare.kv.config.secret-suffixes} (the whole name, or its end after {@code .}, {@code -} or
 * {@code _}; case ignored; a leading separator in a suffix, as in {@code .password}, is ignored). Spring Boot masks every value unless {@code show-values} is changed; this keeps
 * these masked when it is. Properties of other sources are left to Spring Boot.
 */
final class KVConfigSanitizingFunction implements SanitizingFunction {

	private final List<String> suffixes;

	KVConfigSanitizingFunction(List<String> suffixes) {
		this.suffixes = suffixes.stream()
			.map((suffix) -> suffix.toLowerCase(Locale.ROOT).replaceFirst("^[.\\-_]+", ""))
			.filter((suffix) -> !suffix.isEmpty())
			.toList();
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (data.getPropertySource() instanceof KVConfigPropertySource && isSecret(data.getLowerCaseKey()))
				? data.withSanitizedValue() : data;
	}

	boolean isSecret(String name) {
		for (String suffix : this.suffixes) {
			if (name.equals(suffix)) {
				return true;
			}
			if (name.endsWith(suffix) && name.length() > suffix.length()) {
				char before = name.charAt(name.length() - suffix.length() - 1);
				if (before == '.' || before == '-' || before == '_') {
					return true;
				}
			}
		}
		return false;
	}

}
