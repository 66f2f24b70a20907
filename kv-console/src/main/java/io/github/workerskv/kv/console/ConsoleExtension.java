package io.github.workerskv.kv.console;

import java.net.URL;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * An extra section of the console, for what a {@link ConsoleBackend} does not browse (the feature flags, say):
 * JSON API routes under {@code /api/<name>/} and one page module at {@code assets/<name>.js}. Give it to
 * {@link KVConsole#create(ConsoleBackend, java.util.List)}.
 *
 * <p>The console lists every extension in its session ({@code "extensions": [{"name", "label"}]}); the page then
 * shows a link to {@code #/<name>} in its header and imports {@code assets/<name>.js}, an ES module that exports
 * {@code routes}: {@code [pattern, view]} pairs matched against the part of the URL after {@code #} (without the
 * query), where {@code view(match, params)} renders the main region. The module may import the console's own
 * modules ({@code ./api.js}, {@code ./dom.js}, {@code ./browser.js}): they are served from the same directory.
 * It runs under the console's Content-Security-Policy, so it cannot load anything from another origin.
 *
 * <p>The console calls {@link #handle(ConsoleCall)} for every request to {@code /api/<name>} or below it, after the
 * adapter decided who may reach the console at all; the extension checks writes itself with
 * {@link ConsoleCall#checkWrite(String)} (the console's token, and the confirmation of a production namespace),
 * and logs them. What it throws becomes an answer as in the console's own API: a {@link ConsoleError} its status
 * and message, a {@link io.github.workerskv.kv.KVValidationException} its status, any other
 * {@link io.github.workerskv.kv.KVException} 502, anything else 500 with the details only in the log. Must be
 * safe for use by many threads.
 */
public interface ConsoleExtension {

	/** Names of the console's own API routes and assets, which an extension's name must not take. */
	Set<String> RESERVED_NAMES = Set.of("session", "keys", "value", "raw", "bulk-delete", "app", "api", "browser",
			"dom", "console", "icon", "ns");

	/** What an extension's name must look like: lowercase letters, digits and dashes, from a letter. */
	Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	/**
	 * @return the extension's name, matching {@link #NAME} and not one of {@link #RESERVED_NAMES}: its API is at
	 * {@code /api/<name>}, its page module at {@code assets/<name>.js}, its pages at {@code #/<name>}
	 */
	String name();

	/** @return the link text in the console's header, for example {@code Flags} */
	String label();

	/**
	 * @return where the page module is, typically a resource of the extension's jar
	 * ({@code getClass().getResource(...)}); read once, when the page first asks for it
	 */
	URL script();

	/**
	 * Answers one request of the extension's API.
	 * @param call the request, with the console's checks and its JSON helpers
	 * @return the answer, sent as JSON with status 200
	 * @throws ConsoleError to refuse the request with a status and a message for the page
	 */
	JsonNode handle(ConsoleCall call);

}
