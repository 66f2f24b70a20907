package io.github.workerskv.kv.autoconfigure.wrangler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * Reads the {@code kv_namespaces} of a wrangler configuration file, so that a Spring application can
 * bind the same namespaces as the Worker it sits beside.
 *
 * <p>Three kinds of file are read, chosen by the file name's extension:
 * <ul>
 * <li>{@code .jsonc} and {@code .json}: JSON with {@code //} and {@code /* *}{@code /} comments and
 * trailing commas, as wrangler accepts in both;</li>
 * <li>{@code .toml}: TOML, with the bindings as an array of tables ({@code [[kv_namespaces]]}). This
 * needs {@code tools.jackson.dataformat:jackson-dataformat-toml} on the class path; without it a
 * {@code .toml} file fails with a message that names the dependency.</li>
 * </ul>
 *
 * <p>Each entry gives a {@code binding} (required), an {@code id} and a {@code preview_id} (both
 * optional: wrangler itself allows an entry without an id for local development). Other keys of an
 * entry, and everything outside {@code kv_namespaces}, are ignored.
 *
 * <h2>Environments</h2>
 * Without an environment the top-level {@code kv_namespaces} is read. With one (what
 * {@code wrangler --env staging} picks) the {@code kv_namespaces} of {@code env.staging} is read instead,
 * and the top level is ignored: wrangler does not inherit {@code kv_namespaces} into environments, so an
 * environment without its own {@code kv_namespaces} has no KV bindings (logged at WARN when the top level
 * has some, as wrangler warns). An environment the file does not declare is an error naming the ones it
 * does; wrangler only warns when a file declares no environments at all and then uses the top level, which
 * here would silently bind the top-level (often production) namespaces, so that is an error too.
 *
 * <p><strong>Limits.</strong> A file that declares bindings only inside environments, read without an
 * environment, is rejected with a message naming them, rather than read as having none. Values are taken
 * literally: wrangler's variable substitution does not exist, and ids are not checked against Cloudflare's
 * 32-hex-digit format here.
 *
 * <pre>{@code
 * Map<String, WranglerConfig.Binding> bindings = WranglerConfig.readKvNamespaces(Path.of("wrangler.jsonc"));
 * bindings.get("MY_NAMESPACE").id();   // "06779da6940b431db6e566b4846d64db"
 * WranglerConfig.readKvNamespaces(Path.of("wrangler.jsonc"), "staging");   // env.staging.kv_namespaces
 * }</pre>
 */
public final class WranglerConfig {

	static final String TOML_MAPPER = "tools.jackson.dataformat.toml.TomlMapper";

	private static final Log logger = LogFactory.getLog(WranglerConfig.class);

	private static final String KV_NAMESPACES = "kv_namespaces";

	private static final String ENV = "env";

	private static final String SUPPORTED = "wrangler.toml, wrangler.json or wrangler.jsonc";

	private static final JsonMapper JSONC = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private WranglerConfig() {
	}

	/**
	 * Reads the top-level {@code kv_namespaces} of a wrangler configuration file.
	 * @param file a {@code wrangler.toml}, {@code wrangler.json} or {@code wrangler.jsonc} (any name
	 * with one of those extensions, in any case)
	 * @return the bindings by binding name, in file order, unmodifiable; empty when the file declares no
	 * KV namespaces at all
	 * @throws WranglerConfigException if the file is missing, not a regular file, unreadable, of an
	 * unknown kind, not well-formed, or its {@code kv_namespaces} are malformed (not an array, an entry
	 * without a binding, a value of the wrong type, a binding declared twice, or bindings only inside
	 * {@code env.<name>})
	 */
	public static Map<String, Binding> readKvNamespaces(Path file) {
		return readKvNamespaces(file, null, WranglerConfig.class.getClassLoader());
	}

	/**
	 * Reads the {@code kv_namespaces} of one environment of a wrangler configuration file, as
	 * {@code wrangler --env <environment>} does: {@code env.<environment>.kv_namespaces}, not inherited from
	 * the top level.
	 * @param file a {@code wrangler.toml}, {@code wrangler.json} or {@code wrangler.jsonc}
	 * @param environment the environment's name, or {@code null} (or blank) for the top level
	 * @return the bindings by binding name, in file order, unmodifiable; empty when the environment declares
	 * no KV namespaces
	 * @throws WranglerConfigException as {@link #readKvNamespaces(Path)}, and if the file declares no such
	 * environment (the message names those it declares)
	 */
	public static Map<String, Binding> readKvNamespaces(Path file, @Nullable String environment) {
		return readKvNamespaces(file, environment, WranglerConfig.class.getClassLoader());
	}

	/**
	 * {@link #readKvNamespaces(Path, String)}, looking for the TOML parser in the given class loader.
	 * @param file the file
	 * @param environment the environment, or {@code null} for the top level
	 * @param classLoader where to look for {@code TomlMapper}
	 * @return the bindings by binding name, in file order
	 */
	static Map<String, Binding> readKvNamespaces(Path file, @Nullable String environment,
			@Nullable ClassLoader classLoader) {
		Objects.requireNonNull(file, "file must not be null");
		String env = (environment != null && !environment.isBlank()) ? environment.trim() : null;
		checkRegularFile(file);
		Format format = Format.of(file);
		if (format == Format.TOML && !ClassUtils.isPresent(TOML_MAPPER, classLoader)) {
			throw new WranglerConfigException(file,
					"reading a .toml file needs the TOML parser; add the dependency "
							+ "tools.jackson.dataformat:jackson-dataformat-toml, or use a wrangler.json or "
							+ "wrangler.jsonc file");
		}
		JsonNode root = parse(file, format);
		if (env == null) {
			return bindings(file, root, KV_NAMESPACES);
		}
		return environmentBindings(file, root, env);
	}

	/** The bindings of {@code env.<environment>}, which does not inherit the top level's. */
	private static Map<String, Binding> environmentBindings(Path file, JsonNode root, String environment) {
		JsonNode environments = root.get(ENV);
		if (environments == null || environments.isNull()) {
			throw WranglerConfigException.ofEnvironment(file, "the environment '" + environment + "' was asked for (by "
					+ WranglerConfigException.ENVIRONMENT_PROPERTY + "), but the file declares no environments; add an "
					+ "env." + environment + " section with its kv_namespaces, or remove the property to read the "
					+ "top-level kv_namespaces", environment);
		}
		if (!environments.isObject()) {
			throw WranglerConfigException.ofEnvironment(file,
					ENV + " is " + describe(environments) + ", not a table of environments", environment);
		}
		JsonNode selected = environments.get(environment);
		if (selected == null) {
			List<String> names = new ArrayList<>();
			environments.properties().forEach((entry) -> names.add(entry.getKey()));
			throw WranglerConfigException.ofEnvironment(file, "it declares no environment '" + environment + "' (asked for by "
					+ WranglerConfigException.ENVIRONMENT_PROPERTY + "); its environments are "
					+ (names.isEmpty() ? "none" : String.join(", ", names)), environment);
		}
		if (!selected.isObject()) {
			throw WranglerConfigException.ofEnvironment(file,
					ENV + "." + environment + " is " + describe(selected) + ", not a table", environment);
		}
		String section = ENV + "." + environment + "." + KV_NAMESPACES;
		if (!selected.has(KV_NAMESPACES) && root.has(KV_NAMESPACES)) {
			logger.warn("The wrangler config file '" + file + "' has kv_namespaces at the top level but not in "
					+ ENV + "." + environment + "; wrangler does not inherit them into environments, so the "
					+ "environment '" + environment + "' has no KV bindings from the file. Add " + section
					+ " to the file to bind them.");
		}
		return bindings(file, selected, section);
	}

	private static void checkRegularFile(Path file) {
		if (Files.isDirectory(file)) {
			throw new WranglerConfigException(file,
					"it is a directory; point the property at the file itself, for example " + file.resolve("wrangler.toml"));
		}
		if (!Files.exists(file)) {
			throw new WranglerConfigException(file, "the file does not exist (relative paths are resolved against "
					+ "the working directory, " + Path.of("").toAbsolutePath() + ")");
		}
		if (!Files.isRegularFile(file)) {
			throw new WranglerConfigException(file, "it is not a regular file");
		}
		if (!Files.isReadable(file)) {
			throw new WranglerConfigException(file, "the file is not readable by this process");
		}
	}

	private static JsonNode parse(Path file, Format format) {
		JsonNode root;
		try (InputStream in = Files.newInputStream(file)) {
			root = (format == Format.TOML) ? TomlTrees.read(in) : JSONC.readTree(in);
		}
		catch (JacksonException ex) {
			throw new WranglerConfigException(file, "it is not valid " + format.displayName + location(ex) + ": "
					+ ex.getOriginalMessage(), ex);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new WranglerConfigException(file, "the file could not be read: " + ex.getMessage(), ex);
		}
		if (root == null || root.isMissingNode()) {
			throw new WranglerConfigException(file, "the file is empty; a wrangler config is a " + format.displayName
					+ " object with kv_namespaces");
		}
		if (!root.isObject()) {
			throw new WranglerConfigException(file,
					"its top level is " + describe(root) + ", not an object with kv_namespaces");
		}
		return root;
	}

	private static String location(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	/**
	 * @param file the file, for messages
	 * @param table the table holding {@code kv_namespaces}: the top level or an environment
	 * @param section where {@code kv_namespaces} is, for messages: {@code kv_namespaces} or
	 * {@code env.<name>.kv_namespaces}
	 */
	private static Map<String, Binding> bindings(Path file, JsonNode table, String section) {
		JsonNode declared = table.get(KV_NAMESPACES);
		if (declared == null || declared.isNull()) {
			if (section.equals(KV_NAMESPACES)) {
				checkNoEnvironmentBindings(file, table);
			}
			return Map.of();
		}
		if (!declared.isArray()) {
			throw new WranglerConfigException(file, section + " is " + describe(declared) + ", not an array ([[" + section
					+ "]] tables in TOML, [{ \"binding\": ..., \"id\": ... }] in JSON)");
		}
		Map<String, Binding> bindings = new LinkedHashMap<>();
		Map<String, Integer> positions = new LinkedHashMap<>();
		for (int i = 0; i < declared.size(); i++) {
			Binding binding = binding(file, declared.get(i), section + "[" + i + "]");
			Integer earlier = positions.putIfAbsent(binding.binding(), i);
			if (earlier != null) {
				throw new WranglerConfigException(file, "the binding '" + binding.binding() + "' is declared twice, in "
						+ section + "[" + earlier + "] and " + section + "[" + i + "]");
			}
			bindings.put(binding.binding(), binding);
		}
		return Collections.unmodifiableMap(bindings);
	}

	private static Binding binding(Path file, JsonNode entry, String where) {
		if (!entry.isObject()) {
			throw new WranglerConfigException(file,
					where + " is " + describe(entry) + ", not an object with binding and id");
		}
		String binding = text(file, entry, "binding", where);
		if (binding == null) {
			throw new WranglerConfigException(file, where + " has no binding; give it the name the Worker "
					+ "uses, for example binding = \"MY_NAMESPACE\"");
		}
		return new Binding(binding, text(file, entry, "id", where), text(file, entry, "preview_id", where));
	}

	private static @Nullable String text(Path file, JsonNode entry, String field, String where) {
		JsonNode value = entry.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new WranglerConfigException(file,
					where + "." + field + " is " + describe(value) + ", not a string");
		}
		String text = value.asString();
		if (text.isBlank()) {
			throw new WranglerConfigException(file, where + "." + field + " is empty; remove it or give a value");
		}
		return text;
	}

	private static void checkNoEnvironmentBindings(Path file, JsonNode root) {
		JsonNode environments = root.get(ENV);
		if (environments == null || !environments.isObject()) {
			return;
		}
		List<String> declaring = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, JsonNode> environment : environments.properties()) {
			if (environment.getValue().has(KV_NAMESPACES)) {
				declaring.add(ENV + "." + environment.getKey() + "." + KV_NAMESPACES);
				names.add(environment.getKey());
			}
		}
		if (!declaring.isEmpty()) {
			throw new WranglerConfigException(file, "KV namespaces are declared only in " + String.join(", ", declaring)
					+ ", and no environment was chosen, so only the top-level kv_namespaces is read; set "
					+ WranglerConfigException.ENVIRONMENT_PROPERTY + " to " + String.join(" or ", names)
					+ " as wrangler --env does, or bind them with cloudflare.kv.namespaces.<BINDING>.id");
		}
	}

	private static String describe(JsonNode node) {
		return switch (node.getNodeType()) {
			case ARRAY -> "an array";
			case OBJECT -> "an object";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case NULL, MISSING -> "null";
			default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
		};
	}

	/**
	 * One entry of wrangler's {@code kv_namespaces}.
	 *
	 * @param binding the binding name, as the Worker sees it ({@code env.MY_NAMESPACE}); never empty
	 * @param id the namespace id, or {@code null} when the entry has none
	 * @param previewId the namespace id that {@code wrangler dev --remote} uses ({@code preview_id}), or
	 * {@code null} when the entry has none
	 */
	public record Binding(String binding, @Nullable String id, @Nullable String previewId) {

		/**
		 * Checks that there is a binding name.
		 * @throws NullPointerException if {@code binding} is {@code null}
		 */
		public Binding {
			Objects.requireNonNull(binding, "binding must not be null");
		}

	}

	private enum Format {

		JSON("JSON"), JSONC("JSONC"), TOML("TOML");

		private final String displayName;

		Format(String displayName) {
			this.displayName = displayName;
		}

		static Format of(Path file) {
			Path name = file.getFileName();
			String lower = (name != null) ? name.toString().toLowerCase(Locale.ROOT) : "";
			if (lower.endsWith(".jsonc")) {
				return JSONC;
			}
			if (lower.endsWith(".json")) {
				return JSON;
			}
			if (lower.endsWith(".toml")) {
				return TOML;
			}
			throw new WranglerConfigException(file,
					"the file name does not end in .toml, .json or .jsonc, so its format is unknown; wrangler reads "
							+ SUPPORTED);
		}

	}

}
