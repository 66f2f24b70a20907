package io.github.workerskv.kv.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Remote mode: {@code cloudflare.kv.mode=remote}, or a {@link KVConnectionDetails} bean that the application
 * or its test support defined.
 */
class OnRemoteModeCondition extends AnyNestedCondition {

	OnRemoteModeCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(prefix = KVProperties.PREFIX, name = "mode", havingValue = "remote")
	static class RemoteModeProperty {

	}

	@ConditionalOnBean(KVConnectionDetails.class)
	static class ConnectionDetailsBean {

	}

}
