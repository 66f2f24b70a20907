package io.github.workerskv.kv.autoconfigure;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;

/** Local mode, the default: whenever {@link OnRemoteModeCondition} does not match. */
class OnLocalModeCondition extends NoneNestedConditions {

	OnLocalModeCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(OnRemoteModeCondition.class)
	static class RemoteMode {

	}

}
