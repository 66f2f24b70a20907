package io.github.workerskv.kv.flags;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A semantic version as flagd-core's {@code sem_ver} reads it with node-semver: strict SemVer 2.0 after one
 * leading {@code v}/{@code V} is dropped and the text trimmed, plus "1" and "1.2" coerced to "1.0.0" and
 * "1.2.0". Build metadata is parsed and ignored in comparisons, prerelease identifiers compare as node-semver
 * does (numbers numerically and below words, words by UTF-16 code units).
 */
final class SemVer implements Comparable<SemVer> {

	private static final String NUMERIC = "0|[1-9]\\d*";

	private static final String IDENTIFIER = "(?:\\d*[a-zA-Z-][a-zA-Z0-9-]*|" + NUMERIC + ")";

	private static final Pattern FULL = Pattern.compile("^v?(" + NUMERIC + ")\\.(" + NUMERIC + ")\\.(" + NUMERIC + ")"
			+ "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))?\\z");

	private static final Pattern PARTIAL = Pattern.compile("^\\d+(\\.\\d+)?\\z");

	private static final Pattern COERCE = Pattern
		.compile("(^|[^\\d])(\\d{1,16})(?:\\.(\\d{1,16}))?(?:\\.(\\d{1,16}))?(?:$|[^\\d])");

	private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9007199254740991L);

	private static final int MAX_LENGTH = 256;

	private final long major;

	private final long minor;

	private final long patch;

	private final List<Object> prerelease;

	private SemVer(long major, long minor, long patch, List<Object> prerelease) {
		this.major = major;
		this.minor = minor;
		this.patch = patch;
		this.prerelease = prerelease;
	}

	/**
	 * Reads a rule's operand as flagd-core does.
	 * @param raw the JavaScript string of the operand
	 * @return the version, or {@code null} if it is not one
	 */
	static @Nullable SemVer normalize(String raw) {
		String text = (raw.startsWith("v") || raw.startsWith("V")) ? raw.substring(1) : raw;
		SemVer strict = parse(text);
		if (strict != null) {
			return strict;
		}
		if (PARTIAL.matcher(text).matches()) {
			Matcher m = COERCE.matcher(text);
			if (m.find()) {
				String minor = (m.group(3) != null) ? m.group(3) : "0";
				String patch = (m.group(4) != null) ? m.group(4) : "0";
				return parse(m.group(2) + "." + minor + "." + patch);
			}
		}
		return null;
	}

	private static @Nullable SemVer parse(String text) {
		if (text.length() > MAX_LENGTH) {
			return null;
		}
		Matcher m = FULL.matcher(JsValues.trimJs(text));
		if (!m.matches()) {
			return null;
		}
		BigInteger major = new BigInteger(m.group(1));
		BigInteger minor = new BigInteger(m.group(2));
		BigInteger patch = new BigInteger(m.group(3));
		if (major.compareTo(MAX_SAFE_INTEGER) > 0 || minor.compareTo(MAX_SAFE_INTEGER) > 0
				|| patch.compareTo(MAX_SAFE_INTEGER) > 0) {
			return null;
		}
		List<Object> prerelease = new ArrayList<>();
		if (m.group(4) != null) {
			for (String id : m.group(4).split("\\.")) {
				if (id.chars().allMatch(Character::isDigit) && new BigInteger(id).compareTo(MAX_SAFE_INTEGER) < 0) {
					prerelease.add(Long.parseLong(id));
				}
				else {
					prerelease.add(id);
				}
			}
		}
		return new SemVer(major.longValue(), minor.longValue(), patch.longValue(), prerelease);
	}

	long major() {
		return this.major;
	}

	long minor() {
		return this.minor;
	}

	@Override
	public int compareTo(SemVer other) {
		int main = Long.compare(this.major, other.major);
		if (main == 0) {
			main = Long.compare(this.minor, other.minor);
		}
		if (main == 0) {
			main = Long.compare(this.patch, other.patch);
		}
		if (main != 0) {
			return main;
		}
		if (!this.prerelease.isEmpty() && other.prerelease.isEmpty()) {
			return -1;
		}
		if (this.prerelease.isEmpty()) {
			return other.prerelease.isEmpty() ? 0 : 1;
		}
		for (int i = 0;; i++) {
			boolean aEnd = i >= this.prerelease.size();
			boolean bEnd = i >= other.prerelease.size();
			if (aEnd && bEnd) {
				return 0;
			}
			if (bEnd) {
				return 1;
			}
			if (aEnd) {
				return -1;
			}
			int c = compareIdentifiers(this.prerelease.get(i), other.prerelease.get(i));
			if (c != 0) {
				return c;
			}
		}
	}

	private static int compareIdentifiers(Object a, Object b) {
		boolean aNumeric = a instanceof Long || ((String) a).chars().allMatch(Character::isDigit);
		boolean bNumeric = b instanceof Long || ((String) b).chars().allMatch(Character::isDigit);
		if (aNumeric && bNumeric) {
			return Double.compare(Double.parseDouble(a.toString()), Double.parseDouble(b.toString()));
		}
		if (aNumeric) {
			return -1;
		}
		if (bNumeric) {
			return 1;
		}
		return Integer.signum(((String) a).compareTo((String) b));
	}

}
