package io.github.workerskv.kv.spring.data;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Evaluates one {@link KVCondition} on one property value, the same way whether the value came from
 * listed metadata or from the entity. Arguments are converted to the value's type where Spring's
 * conversion service can (an {@code int} argument against a {@code long} property).
 */
final class ConditionTest {

	private final ConversionService conversion;

	ConditionTest(ConversionService conversion) {
		this.conversion = conversion;
	}

	boolean test(KVCondition condition, @Nullable Object value) {
		List<@Nullable Object> args = condition.arguments();
		boolean ignoreCase = condition.ignoreCase();
		return switch (condition.type()) {
			case SIMPLE_PROPERTY -> equal(value, args.get(0), ignoreCase);
			case NEGATING_SIMPLE_PROPERTY -> !equal(value, args.get(0), ignoreCase);
			case IS_NULL -> value == null;
			case IS_NOT_NULL, EXISTS -> value != null;
			case TRUE -> Boolean.TRUE.equals(value);
			case FALSE -> Boolean.FALSE.equals(value);
			case GREATER_THAN, AFTER -> value != null && compare(condition, value, args.get(0)) > 0;
			case GREATER_THAN_EQUAL -> value != null && compare(condition, value, args.get(0)) >= 0;
			case LESS_THAN, BEFORE -> value != null && compare(condition, value, args.get(0)) < 0;
			case LESS_THAN_EQUAL -> value != null && compare(condition, value, args.get(0)) <= 0;
			case BETWEEN -> value != null && compare(condition, value, args.get(0)) >= 0
					&& compare(condition, value, args.get(1)) <= 0;
			case IN -> in(value, args.get(0), ignoreCase);
			case NOT_IN -> !in(value, args.get(0), ignoreCase);
			case LIKE -> like(value, args.get(0), ignoreCase);
			case NOT_LIKE -> value != null && !like(value, args.get(0), ignoreCase);
			case STARTING_WITH -> text(value, args.get(0), ignoreCase, String::startsWith);
			case ENDING_WITH -> text(value, args.get(0), ignoreCase, String::endsWith);
			case CONTAINING -> contains(value, args.get(0), ignoreCase);
			case NOT_CONTAINING -> value != null && !contains(value, args.get(0), ignoreCase);
			case REGEX -> value != null && args.get(0) != null && pattern(args.get(0), ignoreCase)
				.matcher(value.toString())
				.find();
			case IS_EMPTY -> isEmpty(value);
			case IS_NOT_EMPTY -> !isEmpty(value);
			default -> throw new InvalidDataAccessApiUsageException(
					"KV repositories cannot evaluate " + condition.type() + " on '" + condition.property() + "'");
		};
	}

	boolean equal(@Nullable Object value, @Nullable Object argument, boolean ignoreCase) {
		if (value == null || argument == null) {
			return value == null && argument == null;
		}
		Object converted = convert(argument, value);
		if (ignoreCase && value instanceof String s && converted instanceof String t) {
			return s.equalsIgnoreCase(t);
		}
		return Objects.equals(value, converted);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	int compare(KVCondition condition, Object value, @Nullable Object argument) {
		if (argument == null) {
			throw new InvalidDataAccessApiUsageException(condition.type() + " on '" + condition.property()
					+ "' needs a non-null argument");
		}
		Object converted = convert(argument, value);
		if (condition.ignoreCase() && value instanceof String s && converted instanceof String t) {
			return s.compareToIgnoreCase(t);
		}
		if (!(value instanceof Comparable comparable) || !value.getClass().isInstance(converted)) {
			throw new InvalidDataAccessApiUsageException("Cannot compare '" + condition.property() + "' ("
					+ value.getClass().getName() + ") with " + converted.getClass().getName());
		}
		return comparable.compareTo(converted);
	}

	private boolean in(@Nullable Object value, @Nullable Object argument, boolean ignoreCase) {
		for (Object candidate : elements(argument)) {
			if (equal(value, candidate, ignoreCase)) {
				return true;
			}
		}
		return false;
	}

	private boolean like(@Nullable Object value, @Nullable Object argument, boolean ignoreCase) {
		if (!(value instanceof String text) || argument == null) {
			return false;
		}
		StringBuilder regex = new StringBuilder();
		for (char c : argument.toString().toCharArray()) {
			switch (c) {
				case '%' -> regex.append(".*");
				case '_' -> regex.append('.');
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
		return Pattern.compile(regex.toString(), flags).matcher(text).matches();
	}

	private boolean contains(@Nullable Object value, @Nullable Object argument, boolean ignoreCase) {
		if (value == null) {
			return false;
		}
		if (value instanceof String) {
			return text(value, argument, ignoreCase, String::contains);
		}
		if (value instanceof Map<?, ?> map) {
			return in(argument, map.values(), ignoreCase);
		}
		if (value instanceof Collection<?> || value.getClass().isArray()) {
			for (Object element : elements(value)) {
				if (equal(element, argument, ignoreCase)) {
					return true;
				}
			}
		}
		return false;
	}

	private interface TextTest {

		boolean test(String value, String argument);

	}

	private static boolean text(@Nullable Object value, @Nullable Object argument, boolean ignoreCase, TextTest test) {
		if (!(value instanceof String text) || argument == null) {
			return false;
		}
		String other = argument.toString();
		if (ignoreCase) {
			return test.test(text.toLowerCase(Locale.ROOT), other.toLowerCase(Locale.ROOT));
		}
		return test.test(text, other);
	}

	private static Pattern pattern(Object argument, boolean ignoreCase) {
		if (argument instanceof Pattern pattern) {
			return pattern;
		}
		return Pattern.compile(argument.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
	}

	private static boolean isEmpty(@Nullable Object value) {
		if (value == null) {
			return true;
		}
		if (value instanceof CharSequence text) {
			return text.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty();
		}
		return value.getClass().isArray() && Array.getLength(value) == 0;
	}

	private static List<@Nullable Object> elements(@Nullable Object container) {
		List<@Nullable Object> elements = new ArrayList<>();
		if (container instanceof Collection<?> collection) {
			elements.addAll(collection);
		}
		else if (container != null && container.getClass().isArray()) {
			for (int i = 0; i < Array.getLength(container); i++) {
				elements.add(Array.get(container, i));
			}
		}
		else if (container != null) {
			elements.add(container);
		}
		return elements;
	}

	private Object convert(Object argument, Object like) {
		Class<?> target = like.getClass();
		if (target.isInstance(argument) || !this.conversion.canConvert(argument.getClass(), target)) {
			return argument;
		}
		try {
			Object converted = this.conversion.convert(argument, target);
			return (converted != null) ? converted : argument;
		}
		catch (ConversionException ex) {
			return argument;
		}
	}

}
