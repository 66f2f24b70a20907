package io.github.workerskv.kv.spring.data.repository.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * KV repositories cannot tell which {@code KVNamespace} bean to use: the binding named has no bean, or no
 * binding is named and there is not exactly one {@code KVNamespace} bean.
 */
public class KVRepositoryBindingException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String binding;

	private final List<String> availableBindings;

	/**
	 * @param binding the binding asked for, or {@code null} if none was named
	 * @param availableBindings the names of the {@code KVNamespace} beans
	 */
	public KVRepositoryBindingException(@Nullable String binding, List<String> availableBindings) {
		super(message(binding, availableBindings));
		this.binding = binding;
		this.availableBindings = List.copyOf(availableBindings);
	}

	private static String message(@Nullable String binding, List<String> available) {
		if (binding != null) {
			return "KV repositories use binding '" + binding + "', but there is no KVNamespace bean of that name"
					+ " (KVNamespace beans: " + available + "); set @EnableKVRepositories(binding = ...) to one of them";
		}
		if (available.isEmpty()) {
			return "KV repositories need a KVNamespace bean, and there is none: declare one (one per binding)";
		}
		return "KV repositories need one KVNamespace bean, but there are " + available.size() + " " + available
				+ "; set @EnableKVRepositories(binding = ...) to the one the repositories use";
	}

	/** @return the binding asked for, or {@code null} if none was named */
	public @Nullable String getBinding() {
		return this.binding;
	}

	/** @return the names of the {@code KVNamespace} beans there are */
	public List<String> getAvailableBindings() {
		return this.availableBindings;
	}

}
