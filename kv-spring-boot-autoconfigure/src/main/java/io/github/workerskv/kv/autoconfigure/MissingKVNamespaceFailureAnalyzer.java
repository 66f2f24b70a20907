package io.github.workerskv.kv.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.workerskv.kv.KVNamespace;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * A {@link KVNamespace} was required and none (or more than one) fits: says which bindings are configured,
 * points at {@code cloudflare.kv.namespaces} when none is (naming keys under {@code cloudflare.kv} that no
 * property declares, such as {@code namespace:} for {@code namespaces:}), and how to pick one binding.
 * Runs before Spring Boot's own analysis of a missing bean, and only for {@link KVNamespace} and its
 * subtypes.
 */
class MissingKVNamespaceFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final String P = KVProperties.PREFIX;

	private final Environment environment;

	MissingKVNamespaceFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String description) {
		Class<?> type = requiredType(cause);
		if (type == null || !KVNamespace.class.isAssignableFrom(type)) {
			return null;
		}
		String requirer = (description != null) ? description : "A component";
		List<String> bindings = bindings();
		if (cause instanceof NoUniqueBeanDefinitionException unique) {
			return ambiguous(requirer, unique, cause);
		}
		if (cause.getNumberOfBeansFound() != 0) {
			return null;
		}
		if (bindings.isEmpty()) {
			return noBinding(requirer, type, cause);
		}
		if (type != KVNamespace.class) {
			return new FailureAnalysis(requirer + " required a bean of type '" + type.getName() + "', but each KV "
					+ "binding (" + String.join(", ", bindings) + ") is a bean of type '" + KVNamespace.class.getName()
					+ "'.", "Inject " + KVNamespace.class.getSimpleName() + " and call unwrap(" + type.getSimpleName()
							+ ".class) for what only that type has.", cause);
		}
		String wanted = wantedName(rootFailure, cause);
		String subject = (wanted != null) ? "the KV binding '" + wanted + "'" : "a KVNamespace";
		return new FailureAnalysis(
				requirer + " required " + subject + ", which is not configured. The configured bindings are "
						+ String.join(", ", bindings) + "; each is a KVNamespace bean named after its binding.",
				"Inject one of them by name, with @Qualifier(\"" + bindings.get(0) + "\") or a parameter named "
						+ bindings.get(0) + ((wanted != null) ? ", or bind '" + wanted + "' with `" + P + ".namespaces."
								+ wanted + ".id`" : "")
						+ ".",
				cause);
	}

	private FailureAnalysis noBinding(String requirer, Class<?> type, Throwable cause) {
		List<UnknownKVProperties.Unknown> unknown = UnknownKVProperties.find(this.environment,
				getClass().getClassLoader());
		StringBuilder description = new StringBuilder(requirer + " required a bean of type '" + type.getName()
				+ "', but no KV binding is configured, so there is none: each entry of `" + P
				+ ".namespaces` (and of the kv_namespaces of the file named by `" + P
				+ ".wrangler-config`) becomes a KVNamespace bean named after its binding.");
		List<String> renames = new ArrayList<>();
		if (!unknown.isEmpty()) {
			description.append(System.lineSeparator())
				.append(System.lineSeparator())
				.append("These keys are set but no Workers KV property has their name: ")
				.append(unknown.stream().map(UnknownKVProperties.Unknown::describe).collect(Collectors.joining(", ")))
				.append('.');
			unknown.stream()
				.filter((key) -> key.suggestion() != null)
				.forEach((key) -> renames.add("`" + key.name() + "` to `" + key.suggestion() + "`"));
		}
		String bind = "ind a namespace with `" + P + ".namespaces.<BINDING>.id` (for example `" + P
				+ ".namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279` in remote mode, any text in local mode), or "
				+ "name the Worker's wrangler file with `" + P + ".wrangler-config`.";
		String action = renames.isEmpty() ? "B" + bind : "Rename " + String.join(", ", renames) + ". Otherwise, b" + bind;
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private static FailureAnalysis ambiguous(String requirer, NoUniqueBeanDefinitionException unique, Throwable cause) {
		String names = (unique.getBeanNamesFound() != null) ? String.join(", ", unique.getBeanNamesFound()) : "several";
		String first = (unique.getBeanNamesFound() != null && !unique.getBeanNamesFound().isEmpty())
				? unique.getBeanNamesFound().iterator().next() : "FLAGS";
		return new FailureAnalysis(requirer + " required a single KVNamespace, but " + unique.getNumberOfBeansFound()
				+ " are configured: " + names + " (one per KV binding, named after it).",
				"Say which binding with @Qualifier(\"" + first + "\") or a parameter named " + first
						+ ", or inject KVNamespaces and get(\"" + first + "\").",
				cause);
	}

	/** The configured binding names, as the auto-configuration reads them; none when they cannot be read. */
	private List<String> bindings() {
		try {
			KVProperties properties = Binder.get(this.environment).bindOrCreate(P, KVProperties.class);
			return List.copyOf(KVBindings.resolve(properties).names());
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private static @Nullable Class<?> requiredType(NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		return (type != null) ? type.resolve() : cause.getBeanType();
	}

	/** The bean name the injection point asked for: its qualifier, or the name looked up. */
	private static @Nullable String wantedName(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		if (cause.getBeanName() != null) {
			return cause.getBeanName();
		}
		for (Throwable failure = rootFailure; failure != null; failure = failure.getCause()) {
			if (failure instanceof UnsatisfiedDependencyException unsatisfied) {
				InjectionPoint point = unsatisfied.getInjectionPoint();
				Qualifier qualifier = (point != null) ? point.getAnnotation(Qualifier.class) : null;
				if (qualifier != null && !qualifier.value().isEmpty()) {
					return qualifier.value();
				}
			}
			if (failure.getCause() == failure) {
				break;
			}
		}
		return null;
	}

}
