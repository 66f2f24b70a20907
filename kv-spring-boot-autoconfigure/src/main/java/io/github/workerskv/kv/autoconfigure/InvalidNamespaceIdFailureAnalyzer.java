package io.github.workerskv.kv.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A binding without a usable namespace id in remote mode: which property to set. */
class InvalidNamespaceIdFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNamespaceIdException> {

	private static final String P = KVProperties.PREFIX;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidNamespaceIdException cause) {
		String binding = cause.binding();
		String property = cause.property();
		String local = ", or switch to `" + P + ".mode=local`, where any id works.";
		if (cause.namespaceId() == null) {
			if (cause.preview()) {
				return new FailureAnalysis(
						"KV binding '" + binding + "' has no preview id, which remote mode needs when `" + P
								+ ".use-preview-ids=true`.",
						"Set `" + property + "` to the id of the namespace to use in development, or set `" + P
								+ ".use-preview-ids=false`" + local,
						cause);
			}
			return new FailureAnalysis("KV binding '" + binding + "' has no namespace id, which remote mode needs.",
					"Set `" + property + "` to the namespace's id, as `wrangler kv namespace list` prints it" + local,
					cause);
		}
		return new FailureAnalysis(
				"KV binding '" + binding + "' has the namespace id '" + cause.namespaceId() + "' (from "
						+ cause.origin() + "), but a Workers KV namespace id is 32 lowercase hexadecimal characters.",
				"Set `" + property + "` to the namespace's id, as `wrangler kv namespace list` prints it (not its "
						+ "title)" + local,
				cause);
	}

}
