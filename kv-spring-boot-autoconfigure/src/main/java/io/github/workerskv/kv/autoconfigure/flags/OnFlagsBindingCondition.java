package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.KVNamespace;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;

/**
 * The flags know where their documents are: {@code cloudflare.kv.flags.binding} names a binding, or exactly one
 * {@link KVNamespace} exists. With several bindings and none named the flags back off (an application that uses
 * KV for other things need not configure them) rather than guess.
 */
class OnFlagsBindingCondition extends AnyNestedCondition {

	OnFlagsBindingCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(prefix = KVFlagsProperties.PREFIX, name = "binding")
	static class BindingNamed {

	}

	@ConditionalOnSingleCandidate(KVNamespace.class)
	static class SingleNamespace {

	}

}
