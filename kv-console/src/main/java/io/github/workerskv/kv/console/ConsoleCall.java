package io.github.workerskv.kv.console;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request to a {@link ConsoleExtension}'s API, with the checks and the JSON handling of the console's own
 * API: the write check (the console's token, and the confirmation a production namespace needs), the body as a
 * JSON object, query parameters that must be there, and new JSON answers. Immutable.
 */
public final class ConsoleCall {

	private final ConsoleApi api;

	private final ConsoleRequest request;

	private final String path;

	ConsoleCall(ConsoleApi api, ConsoleRequest request, String path) {
		this.api = api;
		this.request = request;
		this.path = path;
	}

	/** @return the request as the adapter read it (its path is the whole path below the console's) */
	public ConsoleRequest request() {
		return this.request;
	}

	/** @return the HTTP method, upper case */
	public String method() {
		return this.request.method();
	}

	/**
	 * @return the path below the extension's API, {@code ""} for {@code /api/<name>} itself, else starting with
	 * {@code /}: {@code /document} for {@code /api/flags/document}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * @param name a query parameter
	 * @return its value, or {@code null}
	 */
	public @Nullable String query(String name) {
		return this.request.query(name);
	}

	/**
	 * @param name a query parameter
	 * @return its value
	 * @throws ConsoleError 400, naming the parameter, if it is missing
	 */
	public String requiredQuery(String name) {
		return ConsoleApi.requiredQuery(this.request, name);
	}

	/** @return the signed-in user, or {@code null} when nobody signed in */
	public @Nullable String user() {
		return this.request.user();
	}

	/**
	 * @return the body as a JSON object
	 * @throws ConsoleError 400 if it is not JSON or not an object
	 */
	public JsonNode body() {
		return this.api.body(this.request);
	}

	/**
	 * Checks a write as the console checks its own: it must carry the console's token (which only a page of the
	 * console's origin can read), and a write to a production namespace of the backend must be confirmed (the
	 * page's {@code confirmWrite} asks the person and sends the confirmation).
	 * @param namespace the backend namespace the write goes to, or {@code null} when it is none of them (then only
	 * the token is checked)
	 * @throws ConsoleError 403 without the token, 428 without the confirmation
	 */
	public void checkWrite(@Nullable String namespace) {
		this.api.checkWrite(this.request, namespace);
	}

	/** @return a new, empty JSON object for an answer */
	public ObjectNode newObject() {
		return this.api.newObject();
	}

	@Override
	public String toString() {
		return "ConsoleCall[" + this.request.method() + " " + this.request.path() + "]";
	}

}
