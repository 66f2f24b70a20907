package io.github.workerskv.kv.autoconfigure.configdata;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The property source of one imported prefix or of one document of an imported key, in the
 * {@code Environment} under the name of its location. A refresh swaps what it holds in place, so that
 * {@code Environment} lookups and later binding see the new values; the source itself stays where Spring Boot
 * put it, with its precedence.
 */
final class KVConfigPropertySource extends EnumerablePropertySource<KVConfigDataResource>
		implements OriginLookup<String> {

	private volatile EnumerablePropertySource<?> values;

	KVConfigPropertySource(String name, KVConfigDataResource resource, EnumerablePropertySource<?> values) {
		super(name, resource);
		this.values = values;
	}

	/** @param values what the source holds from now on */
	void replace(EnumerablePropertySource<?> values) {
		this.values = values;
	}

	@Override
	public String[] getPropertyNames() {
		return this.values.getPropertyNames();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return this.values.getProperty(name);
	}

	@Override
	public boolean containsProperty(String name) {
		return this.values.containsProperty(name);
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable Origin getOrigin(String key) {
		return (this.values instanceof OriginLookup<?> lookup) ? ((OriginLookup<String>) lookup).getOrigin(key) : null;
	}

}
