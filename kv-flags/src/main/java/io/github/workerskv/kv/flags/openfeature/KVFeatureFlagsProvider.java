package io.github.workerskv.kv.flags.openfeature;

import java.util.Map;
import java.util.Objects;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.GeneralError;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsListener;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagEvaluation;
import io.github.workerskv.kv.flags.FlagsState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenFeature provider over {@link FeatureFlags}: the evaluation context's targeting key selects the user's
 * document and feeds rollouts, its other attributes are what rules read.
 *
 * <p>Reasons and error codes are OpenFeature's ({@code STATIC}, {@code TARGETING_MATCH}, {@code DEFAULT},
 * {@code DISABLED}, {@code STALE}, {@code ERROR}; {@code FLAG_NOT_FOUND}, {@code TYPE_MISMATCH},
 * {@code PARSE_ERROR}, {@code PROVIDER_NOT_READY}, {@code GENERAL}). Events: {@code PROVIDER_READY} once the
 * documents are read (also after a cold start with KV down, when KV answers again),
 * {@code PROVIDER_CONFIGURATION_CHANGED} when a refresh sees a new global document, {@code PROVIDER_STALE} when
 * reads start failing, {@code PROVIDER_ERROR} when a read fails before any succeeded. {@link #initialize} fails
 * (the SDK's {@code PROVIDER_ERROR}) if no document could be read yet. The provider does not close the service.
 */
public final class KVFeatureFlagsProvider extends EventProvider {

	private static final Metadata METADATA = () -> "workers-kv-flags";

	private final FeatureFlags flags;

	private final JsonMapper jsonMapper;

	private @Nullable AutoCloseable subscription;

	/**
	 * @param flags the service to evaluate with
	 */
	public KVFeatureFlagsProvider(FeatureFlags flags) {
		this(flags, JsonMapper.builder().build());
	}

	/**
	 * @param flags the service to evaluate with
	 * @param jsonMapper converts object values between OpenFeature's {@link Value} and JSON
	 */
	public KVFeatureFlagsProvider(FeatureFlags flags, JsonMapper jsonMapper) {
		this.flags = Objects.requireNonNull(flags, "flags must not be null");
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Metadata getMetadata() {
		return METADATA;
	}

	@Override
	public void initialize(EvaluationContext evaluationContext) throws Exception {
		this.subscription = this.flags.addListener(new Events());
		FlagsState state = this.flags.state();
		if (state.status() == FlagsState.Status.ERROR || state.status() == FlagsState.Status.STARTING) {
			this.flags.refresh();
			state = this.flags.state();
		}
		if (state.status() == FlagsState.Status.ERROR || state.status() == FlagsState.Status.STARTING) {
			throw new GeneralError("no flag document could be read from KV yet: " + state.lastError());
		}
	}

	@Override
	public void shutdown() {
		AutoCloseable current = this.subscription;
		this.subscription = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (Exception ex) {
				// Removing a listener does not fail.
			}
		}
		super.shutdown();
	}

	@Override
	public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
		return toProvider(this.flags.getBooleanDetails(key, defaultValue, context(ctx)));
	}

	@Override
	public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
		return toProvider(this.flags.getStringDetails(key, defaultValue, context(ctx)));
	}

	@Override
	public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
		return toProvider(this.flags.getIntegerDetails(key, defaultValue, context(ctx)));
	}

	@Override
	public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
		return toProvider(this.flags.getDoubleDetails(key, defaultValue, context(ctx)));
	}

	@Override
	public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
		JsonNode fallback = this.jsonMapper.valueToTree(defaultValue.asObject());
		FlagEvaluation<JsonNode> evaluation = this.flags.getObjectDetails(key, fallback, context(ctx));
		Value value = evaluation.isError() ? defaultValue
				: Value.objectToValue(this.jsonMapper.treeToValue(evaluation.value(), Object.class));
		return ProviderEvaluation.<Value>builder()
			.value(value)
			.variant(evaluation.variant())
			.reason(evaluation.reason().name())
			.errorCode(errorCode(evaluation))
			.errorMessage(evaluation.errorMessage())
			.build();
	}

	private static <T> ProviderEvaluation<T> toProvider(FlagEvaluation<T> evaluation) {
		return ProviderEvaluation.<T>builder()
			.value(evaluation.value())
			.variant(evaluation.variant())
			.reason(evaluation.reason().name())
			.errorCode(errorCode(evaluation))
			.errorMessage(evaluation.errorMessage())
			.build();
	}

	private static @Nullable ErrorCode errorCode(FlagEvaluation<?> evaluation) {
		return (evaluation.errorCode() != null) ? ErrorCode.valueOf(evaluation.errorCode().name()) : null;
	}

	private static FlagContext context(@Nullable EvaluationContext ctx) {
		if (ctx == null) {
			return FlagContext.empty();
		}
		FlagContext context = FlagContext.of(ctx.getTargetingKey());
		for (Map.Entry<String, Object> attribute : ctx.asObjectMap().entrySet()) {
			if (!attribute.getKey().equals("targetingKey")) {
				context = context.with(attribute.getKey(), attribute.getValue());
			}
		}
		return context;
	}

	/** Turns the service's refreshes and failures into provider events. */
	private final class Events implements FeatureFlagsListener {

		@Override
		public void refreshed(@Nullable Long version, boolean changed) {
			if (changed) {
				emitProviderConfigurationChanged(ProviderEventDetails.builder()
					.message("flags:global is now version " + version)
					.build());
			}
		}

		@Override
		public void stale(java.time.Instant since) {
			if (KVFeatureFlagsProvider.this.flags.state().globalVersion() != null
					|| KVFeatureFlagsProvider.this.flags.state().lastRefresh() != null) {
				emitProviderStale(ProviderEventDetails.builder()
					.message("reading flag documents from KV fails since " + since + "; serving the last good ones")
					.build());
			}
			else {
				emitProviderError(ProviderEventDetails.builder()
					.message("no flag document could be read from KV")
					.errorCode(ErrorCode.PROVIDER_NOT_READY)
					.build());
			}
		}

		@Override
		public void recovered(java.time.@Nullable Instant staleSince) {
			emitProviderReady(ProviderEventDetails.builder().message("flag documents are read from KV again").build());
		}

	}

}
