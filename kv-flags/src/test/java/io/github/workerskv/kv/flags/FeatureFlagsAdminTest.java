package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The admin on the embedded store: versions, validation, metadata, pacing and the audit trail. */
class FeatureFlagsAdminTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(this.clock));

	private final KVNamespace kv = this.store.namespace("flags");

	private final List<Duration> slept = new ArrayList<>();

	private final FeatureFlagsAdmin admin = FeatureFlagsAdmin.create(this.kv, FeatureFlagsOptions.defaults()
		.withClock(this.clock)
		.withWritePacing(Duration.ofSeconds(1), (duration) -> {
			this.slept.add(duration);
			this.clock.advance(duration);
		}));

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void writesStampVersionedMetadataAWorkerCanRead() {
		DocumentMetadata first = this.admin.setFlag("newCheckout", FlagCases.json("true"), FlagChange.by("alice"));
		this.clock.advance(Duration.ofSeconds(5));
		DocumentMetadata second = this.admin.setFlag("theme", FlagCases.json("\"dark\""), FlagChange.by("bob"));

		assertThat(first.version()).isEqualTo(1);
		assertThat(second.version()).isEqualTo(2);
		ValueWithMetadata<String> stored = this.kv.getWithMetadata("flags:global");
		assertThat(FlagCases.json(stored.value())).isEqualTo(FlagCases.json("{\"newCheckout\": true, \"theme\": \"dark\"}"));
		assertThat(stored.metadata().path("updatedBy").stringValue()).isEqualTo("bob");
		assertThat(stored.metadata().path("updatedAt").stringValue()).isEqualTo("2026-12-01T10:00:05Z");
		assertThat(stored.metadata().path("version").asLong()).isEqualTo(2);
	}

	@Test
	void aChangeBasedOnAStaleVersionIsRefused() {
		this.admin.setFlag("a", FlagCases.json("1"), FlagChange.by("alice"));
		this.clock.advance(Duration.ofSeconds(2));
		this.admin.setFlag("a", FlagCases.json("2"), FlagChange.by("bob").withExpectedVersion(1));

		assertThatExceptionOfType(StaleVersionException.class)
			.isThrownBy(() -> this.admin.setFlag("a", FlagCases.json("3"), FlagChange.by("carol").withExpectedVersion(1)))
			.satisfies((ex) -> assertThat(ex.actualVersion()).isEqualTo(2))
			.withMessageContaining("version 2, not the expected 1");
		assertThat(this.kv.get("flags:global")).isEqualTo("{\"a\":2}");
	}

	@Test
	void invalidDefinitionsAreRefusedWithEveryProblemAndNothingIsWritten() {
		assertThatExceptionOfType(FlagDocumentInvalidException.class)
			.isThrownBy(() -> this.admin.setDocument(FlagCases.json("""
					{"a": {"state": "ON", "variants": {"on": true, "off": "no"}, "defaultVariant": "maybe"},
					 "b": {"state": "ENABLED", "variants": {"x": 1}, "targeting": {"no_such_op": [1]}},
					 "$other": 1}"""), FlagChange.by("alice")))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(5))
			.withMessageContaining("state must be")
			.withMessageContaining("one type")
			.withMessageContaining("defaultVariant \"maybe\"")
			.withMessageContaining("unknown operation 'no_such_op'")
			.withMessageContaining("reserved");
		assertThat(this.kv.get("flags:global")).isNull();
		assertThat(this.admin.auditLog(10, null).entries()).isEmpty();
	}

	@Test
	void writesToOneKeyArePacedToOnePerSecond() {
		this.admin.setFlag("a", FlagCases.json("1"), FlagChange.by("alice"));
		this.clock.advance(Duration.ofMillis(300));
		this.admin.setFlag("a", FlagCases.json("2"), FlagChange.by("alice"));
		this.admin.setUserFlag("u1", "a", FlagCases.json("3"), FlagChange.by("alice"));

		assertThat(this.slept).containsExactly(Duration.ofMillis(700));
	}

	@Test
	void everyChangeIsAuditedNewestFirstWithWhoWhenWhyBeforeAndAfterAndARetentionTtl() {
		this.admin.setFlag("a", FlagCases.json("1"), FlagChange.by("alice").withReason("launch"));
		this.clock.advance(Duration.ofSeconds(10));
		this.admin.setUserFlag("u1", "a", FlagCases.json("true"), FlagChange.by("bob").withReason("beta tester"));
		this.clock.advance(Duration.ofSeconds(10));
		this.admin.setFlag("a", null, FlagChange.by("carol").withReason("cleanup"));

		List<AuditEntry> entries = this.admin.auditLog(10, null).entries();
		assertThat(entries).extracting(AuditEntry::actor).containsExactly("carol", "bob", "alice");
		AuditEntry removal = entries.get(0);
		assertThat(removal.reason()).isEqualTo("cleanup");
		assertThat(removal.key()).isEqualTo("flags:global");
		assertThat(removal.at()).isEqualTo(Instant.parse("2026-12-01T10:00:20Z"));
		assertThat(removal.versionBefore()).isEqualTo(1);
		assertThat(removal.versionAfter()).isEqualTo(2);
		assertThat(removal.before()).isEqualTo(FlagCases.json("{\"a\": 1}"));
		assertThat(removal.after()).isEqualTo(FlagCases.json("{}"));
		assertThat(entries.get(1).key()).isEqualTo("flags:user:u1");

		AuditPage first = this.admin.auditLog(2, null);
		AuditPage rest = this.admin.auditLog(2, first.cursor());
		assertThat(first.entries()).hasSize(2);
		assertThat(rest.entries()).extracting(AuditEntry::actor).containsExactly("alice");
		List<KVKey> keys = this.kv.list(ListOptions.defaults().withPrefix("flags-audit:")).keys();
		assertThat(keys).allSatisfy((key) -> assertThat(key.expiration())
			.isEqualTo(this.clock.instant().getEpochSecond() - 20 + Duration.ofDays(90).getSeconds()
					+ (keys.indexOf(key) == 0 ? 20 : keys.indexOf(key) == 1 ? 10 : 0)));
	}

	@Test
	void theServiceReadsWhatTheAdminWrote() {
		this.admin.setFlag("newCheckout", FlagCases.json("""
				{"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
				 "targeting": {"if": [{"in": [{"var": "plan"}, ["pro"]]}, "on", "off"]}}"""), FlagChange.by("ops"));
		try (FeatureFlags flags = FeatureFlags.create(this.kv, FeatureFlagsOptions.defaults().withClock(this.clock))) {
			assertThat(flags.isEnabled("newCheckout", FlagContext.of("x").with("plan", "pro"))).isTrue();
			assertThat(flags.isEnabled("newCheckout", FlagContext.of("x").with("plan", "free"))).isFalse();
			assertThat(flags.state().globalVersion()).isEqualTo(1);
		}
	}

}
