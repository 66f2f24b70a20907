package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;

import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Applies changes with Spring Cloud Context: publishes its {@link RefreshEvent}, on which its
 * {@code ContextRefresher} loads configuration again (reading the imports from KV once more, through the
 * namespaces kept in the bootstrap context), rebinds every {@code @ConfigurationProperties} bean and refreshes
 * {@code @RefreshScope} beans, whose {@code @Value} fields then take the new values.
 */
final class SpringCloudRefresh implements KVConfigApplier {

	private final ApplicationEventPublisher publisher;

	SpringCloudRefresh(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void apply(List<KVConfigImport.Change> changes) {
		List<String> locations = changes.stream().map((change) -> change.imported().resource().location()).toList();
		this.publisher.publishEvent(new RefreshEvent(this, null, "Configuration changed in KV: " + locations));
	}

}
