package io.github.workerskv.kv;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One {@link KVNamespace} call, once it ended, as a {@link KVListener} is told of it.
 *
 * @param binding the namespace's {@link KVNamespace#name() name}
 * @param namespaceId the namespace's {@link KVNamespace#id() id}
 * @param operation what the call did
 * @param outcome how it ended
 * @param duration from the call until it returned (for an asynchronous call, until its future completed; a
 * stream read until the stream was returned, not until it was read)
 * @param keys how many keys the call asked for or wrote: 1 for a single-key call, the distinct keys of a
 * bulk call, the keys returned by a list page
 * @param hits of those, how many were found (reads; 0 for other calls)
 * @param retries how many requests the call sent again after a failed attempt (REST API; 0 for the
 * embedded store)
 * @param failure why it failed, or {@code null} if it returned
 */
public record KVOperationEvent(String binding, String namespaceId, KVOperation operation, KVOutcome outcome,
		Duration duration, int keys, int hits, int retries, @Nullable Throwable failure) {
}
