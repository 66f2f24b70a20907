package io.github.workerskv.kv.autoconfigure.console;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The console would be open to anyone on real data: how to protect it, or to say that is intended. */
class InsecureConsoleFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConsoleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InsecureConsoleException cause) {
		String p = KVConsoleProperties.PREFIX;
		return new FailureAnalysis("The KV console is enabled (`" + p + ".enabled=true`) in remote mode, where it reads "
				+ "and writes the namespaces of " + cause.where() + ", but Spring Security is not on the class path: "
				+ "anyone who can reach the application could read and change every key.",
				"Add spring-boot-starter-security and give the console's users the role set by `" + p
						+ ".role` (KV_CONSOLE by default), or set `" + p + ".allow-insecure=true` if only trusted users "
						+ "can reach this application, or switch the console off with `" + p + ".enabled=false`.",
				cause);
	}

}
