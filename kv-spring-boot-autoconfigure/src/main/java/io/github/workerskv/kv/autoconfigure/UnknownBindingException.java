package io.github.workerskv.kv.autoconfigure;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * No KV namespace is bound under a name that was asked for, from {@link KVNamespaces#get(String)}.
 *
 * <p>Configuration that names a binding in a property of its own (a cache or the feature flags, say)
 * should rethrow it with {@link #withReferencingProperty(String)}, so that the start-up failure report
 * names that property as well as {@code cloudflare.kv.namespaces}.
 */
public class UnknownBindingException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String binding;

	private final List<String> knownBindings;

	private final @Nullable String referencingProperty;

	/**
	 * Creates an exception.
	 * @param binding the name that was asked for
	 * @param knownBindings the names that are bound, in configuration order
	 */
	public UnknownBindingException(String binding, Collection<String> knownBindings) {
		this(binding, knownBindings, null, null);
	}

	private UnknownBindingException(String binding, Collection<String> knownBindings,
			@Nullable String referencingProperty, @Nullable Throwable cause) {
		super(message(binding, List.copyOf(knownBindings), referencingProperty), cause);
		this.binding = binding;
		this.knownBindings = List.copyOf(knownBindings);
		this.referencingProperty = referencingProperty;
	}

	/**
	 * The same failure, blamed on the property that named the binding.
	 * @param property the property whose value is the binding name, for example {@code kv.cache.binding}
	 * @return a new exception with this one as its cause
	 */
	public UnknownBindingException withReferencingProperty(String property) {
		return new UnknownBindingException(this.binding, this.knownBindings, property, this);
	}

	/** @return the name that was asked for */
	public String binding() {
		return this.binding;
	}

	/** @return the names that are bound, in configuration order; empty when none is */
	public List<String> knownBindings() {
		return this.knownBindings;
	}

	/** @return the property that named the binding, or {@code null} when the name came from code */
	public @Nullable String referencingProperty() {
		return this.referencingProperty;
	}

	private static String message(String binding, List<String> known, @Nullable String property) {
		String knownText = known.isEmpty() ? "none" : String.join(", ", known);
		String subject = (property != null) ? property + " names the KV binding '" + binding
				+ "', but no KV namespace is bound under that name" : "No KV namespace is bound as '" + binding + "'";
		return subject + " (known bindings: " + knownText + "). Bind it with the property "
				+ KVProperties.PREFIX + ".namespaces." + binding + ".id";
	}

}
