package io.github.workerskv.kv.autoconfigure.console;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the KV console, under {@code cloudflare.kv.console}. Plain data; the
 * auto-configuration checks the path and the bindings at start-up.
 */
@ConfigurationProperties(KVConsoleProperties.PREFIX)
public class KVConsoleProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv.console";

	/**
	 * Whether to serve the KV console, a browser page to look at and edit the bindings' keys. Needs Spring MVC.
	 */
	private boolean enabled;

	/**
	 * Path of the console, below the servlet context path: starts with a slash and does not end with one.
	 */
	private String path = "/kv-console";

	/**
	 * Role a user needs to use the console when Spring Security is on the class path, without the ROLE_ prefix.
	 */
	private String role = "KV_CONSOLE";

	/**
	 * Whether to serve the console in remote mode without Spring Security, to anyone who can reach the
	 * application. Only for applications that only trusted users can reach.
	 */
	private boolean allowInsecure;

	/**
	 * Bindings whose writes the console asks to confirm, besides every binding on Cloudflare that does not use
	 * its preview id.
	 */
	private Set<String> productionBindings = new LinkedHashSet<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public String getRole() {
		return this.role;
	}

	public void setRole(String role) {
		this.role = role;
	}

	public boolean isAllowInsecure() {
		return this.allowInsecure;
	}

	public void setAllowInsecure(boolean allowInsecure) {
		this.allowInsecure = allowInsecure;
	}

	public Set<String> getProductionBindings() {
		return this.productionBindings;
	}

	public void setProductionBindings(Set<String> productionBindings) {
		this.productionBindings = productionBindings;
	}

}
