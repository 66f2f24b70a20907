package io.github.workerskv.kv.cloudflare;

/**
 * One entry of the {@code errors} array of Cloudflare's v4 envelope.
 *
 * @param code Cloudflare's error code, for example 10000 (authentication), 10009 (key not found),
 * 10013 (namespace not found), 10014 (duplicate namespace title) or 971 (throttled); 0 if the server
 * gave none
 * @param message the server's message
 */
public record CloudflareError(int code, String message) {

	@Override
	public String toString() {
		return "[code " + this.code + "] " + this.message;
	}

}
