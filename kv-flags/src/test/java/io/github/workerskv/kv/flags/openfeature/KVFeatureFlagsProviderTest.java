package io.github.workerskv.kv.flags.openfeature;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FeatureFlagsOptions;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider through the real OpenFeature SDK. */
class KVFeatureFlagsProviderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVNamespace kv = this.store.namespace("flags");

	private final FeatureFlagsAdmin admin = FeatureFlagsAdmin.create(this.kv,
			FeatureFlagsOptions.defaults().withWritePacing(Duration.ZERO, (d) -> { }));

	private final String domain = "kv-flags-" + System.nanoTime();

	private FeatureFlags flags;

	@AfterEach
	void close() {
		OpenFeatureAPI.getInstance().shutdown();
		if (this.flags != null) {
			this.flags.close();
		}
		this.store.close();
	}

	@Test
	void evaluatesEveryTypeWithTheTargetingKeySelectingTheUsersDocument() {
		this.admin.setDocument(JSON.readTree("""
				{"on": true, "theme": "dark", "limit": 5, "ratio": 0.5, "layout": {"columns": 3},
				 "plan-gate": {"state": "ENABLED", "variants": {"yes": true, "no": false}, "defaultVariant": "no",
				   "targeting": {"if": [{"==": [{"var": "plan"}, "pro"]}, "yes", null]}}}"""), FlagChange.by("ops"));
		this.admin.setUserDocument("alice", JSON.readTree("{\"on\": false}"), FlagChange.by("ops"));
		this.flags = FeatureFlags.create(this.kv, FeatureFlagsOptions.defaults());
		OpenFeatureAPI.getInstance().setProviderAndWait(this.domain, new KVFeatureFlagsProvider(this.flags));
		Client client = OpenFeatureAPI.getInstance().getClient(this.domain);

		assertThat(client.getBooleanValue("on", false)).isTrue();
		assertThat(client.getBooleanValue("on", true, new ImmutableContext("alice"))).isFalse();
		FlagEvaluationDetails<String> missing = client.getStringDetails("theme", "light", new ImmutableContext("alice"));
		assertThat(missing.getValue()).isEqualTo("light");
		assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
		assertThat(client.getStringValue("theme", "light")).isEqualTo("dark");
		assertThat(client.getIntegerValue("limit", 0)).isEqualTo(5);
		assertThat(client.getDoubleValue("ratio", 0.0)).isEqualTo(0.5);
		assertThat(client.getObjectValue("layout", new Value()).asStructure().getValue("columns").asInteger())
			.isEqualTo(3);
		FlagEvaluationDetails<Boolean> pro = client.getBooleanDetails("plan-gate", false,
				new ImmutableContext("bob", java.util.Map.of("plan", new Value("pro"))));
		assertThat(pro.getValue()).isTrue();
		assertThat(pro.getVariant()).isEqualTo("yes");
		assertThat(pro.getReason()).isEqualTo("TARGETING_MATCH");
		FlagEvaluationDetails<Integer> mismatch = client.getIntegerDetails("theme", 9);
		assertThat(mismatch.getValue()).isEqualTo(9);
		assertThat(mismatch.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
		assertThat(mismatch.getReason()).isEqualTo("ERROR");
	}

	@Test
	void aRefreshThatSeesANewVersionEmitsConfigurationChanged() {
		this.admin.setFlag("on", JSON.readTree("true"), FlagChange.by("ops"));
		this.flags = FeatureFlags.create(this.kv, FeatureFlagsOptions.defaults());
		List<String> events = new CopyOnWriteArrayList<>();
		OpenFeatureAPI.getInstance().setProviderAndWait(this.domain, new KVFeatureFlagsProvider(this.flags));
		Client client = OpenFeatureAPI.getInstance().getClient(this.domain);
		client.onProviderConfigurationChanged((details) -> events.add("changed: " + details.getMessage()));

		this.admin.setFlag("on", JSON.readTree("false"), FlagChange.by("ops"));
		this.flags.refresh();

		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (events.isEmpty() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(events).containsExactly("changed: flags:global is now version 2");
		assertThat(client.getBooleanValue("on", true)).isFalse();
	}

}
