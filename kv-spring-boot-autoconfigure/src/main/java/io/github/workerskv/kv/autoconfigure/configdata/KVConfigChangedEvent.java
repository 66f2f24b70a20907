package io.github.workerskv.kv.autoconfigure.configdata;

import java.io.Serial;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * Configuration imported from KV changed, and the application has been updated: the {@code Environment} returns
 * the new values and the affected {@code @ConfigurationProperties} beans are rebound (or, with Spring Cloud
 * Context, its refresh has run). Published by the refresh ({@code cloudflare.kv.config.refresh-interval}) on its
 * own thread; listen for it to act on values that nothing rebinds, such as {@code @Value} fields.
 */
public class KVConfigChangedEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	private final List<String> locations;

	private final Set<String> properties;

	/**
	 * @param source what published it
	 * @param locations the locations whose keys changed
	 * @param properties the names of the properties added, removed or changed
	 */
	public KVConfigChangedEvent(Object source, List<String> locations, Set<String> properties) {
		super(source);
		this.locations = List.copyOf(locations);
		this.properties = Set.copyOf(properties);
	}

	/** @return the locations whose keys changed, as {@code cloudflare-kv:BINDING/key} */
	public List<String> getLocations() {
		return this.locations;
	}

	/** @return the names of the properties added, removed or changed */
	public Set<String> getProperties() {
		return this.properties;
	}

	@Override
	public String toString() {
		return "KVConfigChangedEvent[locations=" + this.locations + ", properties=" + this.properties + "]";
	}

}
