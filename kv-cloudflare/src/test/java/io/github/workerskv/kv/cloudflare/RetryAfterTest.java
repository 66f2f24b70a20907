package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void readsDeltaSeconds() {
		assertThat(RetryAfter.parse("5", CLOCK)).isEqualTo(Duration.ofSeconds(5));
		assertThat(RetryAfter.parse(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void readsFractionalSeconds() {
		assertThat(RetryAfter.parse("1.5", CLOCK)).isEqualTo(Duration.ofMillis(1500));
		assertThat(RetryAfter.parse(".25", CLOCK)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void readsAnHttpDateRelativeToTheClock() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(3), ZoneOffset.UTC));
		assertThat(RetryAfter.parse(date, CLOCK)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void anHttpDateInThePastMeansNow() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:59:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "soon", "-1", "1e5", "0x10", "Mon, 99 Foo 2026", "NaN", "5 s" })
	void ignoresWhatItCannotRead(String value) {
		assertThat(RetryAfter.parse(value, CLOCK)).isNull();
	}

	@Test
	void clampsAbsurdDelaysToOneDay() {
		assertThat(RetryAfter.parse("99999999999999999999", CLOCK)).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void millisecondHeaderWinsOverRetryAfter() {
		ResponseHeaders headers = headers(Map.of("retry-after-ms", List.of("300"), "Retry-After", List.of("5")));
		assertThat(RetryAfter.from(headers, CLOCK)).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void fractionalMillisecondsAreKept() {
		assertThat(RetryAfter.parseMillis("0.5")).isEqualTo(Duration.ofNanos(500_000));
	}

	@Test
	void unreadableMillisecondHeaderFallsBackToRetryAfter() {
		ResponseHeaders headers = headers(Map.of("retry-after-ms", List.of("later"), "retry-after", List.of("2")));
		assertThat(RetryAfter.from(headers, CLOCK)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void headerNamesAreCaseInsensitive() {
		assertThat(RetryAfter.from(headers(Map.of("RETRY-AFTER", List.of("7"))), CLOCK)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void headerNamesAreCaseInsensitiveInJettysHeadersToo() {
		HttpFields fields = HttpFields.build().add("RETRY-AFTER-MS", "250").add("Retry-After", "9");
		assertThat(RetryAfter.from(fields::get, CLOCK)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void noHeaderMeansNoDelay() {
		assertThat(RetryAfter.from(headers(Map.of()), CLOCK)).isNull();
	}

	private static ResponseHeaders headers(Map<String, List<String>> map) {
		return JdkHttpTransport.headers(HttpHeaders.of(map, (name, value) -> true));
	}

}
