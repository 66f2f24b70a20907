package io.github.workerskv.kv.autoconfigure.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.autoconfigure.KVProperties;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.console.ConsoleBackend;
import io.github.workerskv.kv.console.ConsoleBackendKind;
import io.github.workerskv.kv.console.ConsoleExtension;
import io.github.workerskv.kv.console.ConsoleNamespace;
import io.github.workerskv.kv.console.KVConsole;
import io.github.workerskv.kv.local.LocalKVStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the KV console:
 * with {@code cloudflare.kv.console.enabled=true} in a Spring MVC application, the console's pages and API are
 * served at {@code cloudflare.kv.console.path} ({@code /kv-console}) over the {@link KVNamespaces} bindings.
 *
 * <p>Who may use it: with Spring Security on the class path, only signed-in users with the role
 * {@code cloudflare.kv.console.role} (the application's own security configuration signs them in; the console
 * checks the role on every request and sends Spring Security's CSRF token with every write). Without Spring
 * Security, anyone who reaches the application: accepted in local mode (logged at WARN), refused at start-up in
 * remote mode unless {@code cloudflare.kv.console.allow-insecure=true}. The page shows whether it is on the
 * embedded store, an emulator (a REST API on loopback) or Cloudflare, and asks before every write to a
 * production binding (every Cloudflare binding that does not use its preview id, and
 * {@code production-bindings}). Never shows a credential. Every {@link ConsoleExtension} bean adds a section (the
 * feature flags' pages are one).
 */
@AutoConfiguration(after = KVAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ KVConsole.class, RouterFunction.class })
@ConditionalOnProperty(prefix = KVConsoleProperties.PREFIX, name = "enabled", havingValue = "true")
@ConditionalOnBean(KVNamespaces.class)
@EnableConfigurationProperties(KVConsoleProperties.class)
public final class KVConsoleAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KVConsoleAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	KVConsole kvConsole(KVNamespaces namespaces, KVProperties properties, KVConsoleProperties console,
			ObjectProvider<CloudflareKVClient> client, ObjectProvider<LocalKVStore> store,
			ObjectProvider<ConsoleExtension> extensions) {
		CloudflareKVClient remote = client.getIfAvailable();
		ConsoleBackendKind kind;
		String description;
		if (remote != null) {
			CloudflareKVConfig config = remote.config();
			String host = String.valueOf(config.baseUrl().getHost());
			kind = isLoopback(host) ? ConsoleBackendKind.EMULATOR : ConsoleBackendKind.CLOUDFLARE;
			description = "account " + config.accountId() + " at " + config.baseUrl()
					+ (properties.isUsePreviewIds() ? ", preview ids" : "");
		}
		else {
			LocalKVStore local = store.getIfAvailable();
			kind = ConsoleBackendKind.EMBEDDED;
			description = (local != null && local.options().persistPath() != null)
					? "embedded store in " + local.options().persistPath() : "embedded store in memory";
		}
		Set<String> production = console.getProductionBindings();
		for (String binding : production) {
			if (!namespaces.names().contains(binding)) {
				throw new UnknownBindingException(binding, namespaces.names())
					.withReferencingProperty(KVConsoleProperties.PREFIX + ".production-bindings");
			}
		}
		boolean allProduction = kind == ConsoleBackendKind.CLOUDFLARE && !properties.isUsePreviewIds();
		List<ConsoleNamespace> list = new ArrayList<>();
		for (String binding : namespaces.names()) {
			list.add(new ConsoleNamespace(binding, namespaces.get(binding), allProduction || production.contains(binding)));
		}
		return KVConsole.create(ConsoleBackend.of(kind, description, list), extensions.orderedStream().toList());
	}

	@Bean
	RouterFunction<ServerResponse> kvConsoleRouterFunction(KVConsole kvConsole, KVConsoleProperties properties,
			ResourceLoader resourceLoader) {
		String path = checkedPath(properties.getPath());
		ConsoleAccess access = access(kvConsole, properties, resourceLoader.getClassLoader());
		KVConsoleHandler handler = new KVConsoleHandler(kvConsole, path, access);
		logger.info("KV console at " + path + "/ (" + kvConsole.backend().kind().label() + ", "
				+ (access.isOpen() ? "open to anyone who can reach the application" : "role " + access.role()) + ")");
		return RouterFunctions.route()
			.route(RequestPredicates.path(path).or(RequestPredicates.path(path + "/**")), handler)
			.build();
	}

	private static ConsoleAccess access(KVConsole console, KVConsoleProperties properties,
			@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(ConsoleAccess.SPRING_SECURITY, classLoader)) {
			String role = properties.getRole();
			if (role == null || role.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(KVConsoleProperties.PREFIX + ".role", role,
						"The console needs a role to check; the default is KV_CONSOLE.");
			}
			return new ConsoleAccess(role.startsWith("ROLE_") ? role.substring(5) : role);
		}
		ConsoleBackend backend = console.backend();
		if (backend.kind() != ConsoleBackendKind.EMBEDDED) {
			if (!properties.isAllowInsecure()) {
				throw new InsecureConsoleException(backend.kind().label() + ", " + backend.description());
			}
			logger.warn("KV console serves " + backend.kind().label() + " (" + backend.description() + ") without "
					+ "Spring Security, to anyone who can reach the application (" + KVConsoleProperties.PREFIX
					+ ".allow-insecure=true)");
		}
		else {
			logger.warn("KV console is open to anyone who can reach the application (no Spring Security; the "
					+ "embedded store): keep the application on a trusted network, or add Spring Security");
		}
		return new ConsoleAccess(null);
	}

	private static String checkedPath(@Nullable String path) {
		if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("*") || path.contains("{")
				|| path.contains("//")) {
			throw new InvalidConfigurationPropertyValueException(KVConsoleProperties.PREFIX + ".path", path,
					"The console's path must start with a slash, not end with one, and hold no pattern, "
							+ "for example /kv-console.");
		}
		return path;
	}

	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
	}

}
