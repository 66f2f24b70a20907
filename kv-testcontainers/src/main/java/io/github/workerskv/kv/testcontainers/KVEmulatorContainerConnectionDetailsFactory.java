package io.github.workerskv.kv.testcontainers;

import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.Credentials;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link KVConnectionDetails} from a {@code @ServiceConnection} {@link KVEmulatorContainer}: its base URL, account
 * and token, and a namespace of the container for every binding the application declares (found by title or
 * created when the application's namespaces are created), in place of the configured ids. Matches the
 * container by type, so any image given to it works.
 */
class KVEmulatorContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<KVEmulatorContainer, KVConnectionDetails> {

	KVEmulatorContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "io.github.workerskv.kv.autoconfigure.KVConnectionDetails");
	}

	@Override
	protected KVConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<KVEmulatorContainer> source) {
		return new KVEmulatorContainerConnectionDetails(source);
	}

	/** The container's details, read when first asked for, by which time Boot has started it. */
	static final class KVEmulatorContainerConnectionDetails extends ContainerConnectionDetails<KVEmulatorContainer>
			implements KVConnectionDetails {

		KVEmulatorContainerConnectionDetails(ContainerConnectionSource<KVEmulatorContainer> source) {
			super(source);
		}

		@Override
		public String getBaseUrl() {
			return getContainer().getBaseUrl();
		}

		@Override
		public String getAccountId() {
			return getContainer().getAccountId();
		}

		@Override
		public Credentials getCredentials() {
			return Credentials.apiToken(getContainer().getToken());
		}

		@Override
		public Map<String, String> getNamespaceIds(Set<String> bindings) {
			return getContainer().namespaceIds(bindings);
		}

		@Override
		public String toString() {
			return "KVEmulatorContainerConnectionDetails[" + getOrigin() + "]";
		}

	}

}
