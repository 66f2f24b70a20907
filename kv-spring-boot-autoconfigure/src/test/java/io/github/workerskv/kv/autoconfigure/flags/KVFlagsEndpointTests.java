package io.github.workerskv.kv.autoconfigure.flags;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.flags.DocumentMetadata;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code flags} actuator endpoint: what it reads, that its write operation exists only where the application
 * allows it ({@code management.endpoint.flags.access=unrestricted}), and that writes are the admin's.
 */
class KVFlagsEndpointTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				KVAutoConfiguration.class, KVFlagsAutoConfiguration.class, KVFlagsEndpointAutoConfiguration.class))
		// As SpringApplication does, so that `unrestricted` reads as Access.UNRESTRICTED.
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "management.endpoints.web.exposure.include=flags");

	@Test
	void byDefaultTheEndpointOnlyReads() {
		this.contextRunner.run((context) -> assertThat(operations(context.getBean(WebEndpointsSupplier.class)))
			.containsExactlyInAnyOrder(OperationType.READ, OperationType.READ));
	}

	@Test
	void writesExistWhereTheApplicationAllowsThem() {
		this.contextRunner.withPropertyValues("management.endpoint.flags.access=unrestricted")
			.run((context) -> assertThat(operations(context.getBean(WebEndpointsSupplier.class)))
				.containsExactlyInAnyOrder(OperationType.READ, OperationType.READ, OperationType.WRITE));
	}

	@Test
	void theEndpointIsNotThereUnlessExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(KVFlagsEndpoint.class));
	}

	@Test
	void readsShowFreshnessTheDocumentsAsStoredAndTheNewestAuditEntries() {
		this.contextRunner.run((context) -> {
			FeatureFlagsAdmin admin = context.getBean(FeatureFlagsAdmin.class);
			admin.setFlag("beta", JsonNodeFactory.instance.booleanNode(true), FlagChange.by("ann").withReason("launch"));
			admin.setUserFlag("bob", "beta", JsonNodeFactory.instance.booleanNode(false), FlagChange.by("ann"));
			KVFlagsEndpoint endpoint = context.getBean(KVFlagsEndpoint.class);

			KVFlagsEndpoint.FlagsDescriptor flags = endpoint.flags();
			assertThat(flags.status()).isEqualTo("READY");
			assertThat(flags.globalVersion()).isEqualTo(1);
			assertThat(flags.global().key()).isEqualTo("flags:global");
			assertThat(flags.global().document()).isEqualTo(Map.of("beta", true));
			assertThat(flags.global().updatedBy()).isEqualTo("ann");
			assertThat(flags.audit()).extracting(KVFlagsEndpoint.AuditDescriptor::key)
				.containsExactly("flags:user:bob", "flags:global");
			assertThat(flags.audit().get(1).reason()).isEqualTo("launch");
			assertThat(flags.audit().get(1).after()).isEqualTo(Map.of("beta", true));
			assertThat(endpoint.user("bob").document()).isEqualTo(Map.of("beta", false));
		});
	}

	@Test
	void aWriteIsTheAdminsByThePrincipalValidatedAndVersioned() {
		this.contextRunner.run((context) -> {
			KVFlagsEndpoint endpoint = context.getBean(KVFlagsEndpoint.class);
			DocumentMetadata written = endpoint.setFlag("limit", "5", null, "more", null, "claimed", principal("ops"));
			assertThat(written.updatedBy()).isEqualTo("ops");
			assertThat(written.version()).isEqualTo(1);
			assertThat(context.getBean(FeatureFlags.class).getInteger("limit", 0,
					io.github.workerskv.kv.flags.FlagContext.empty())).isEqualTo(5);
			assertThat(endpoint.setFlag("limit", null, null, null, 1L, "claimed", principal(null)).updatedBy())
				.isEqualTo("claimed");
			assertThat(endpoint.flags().global().document()).isEmpty();

			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.setFlag("limit", "6", null, null, 1L, null, principal(null)))
				.withMessageContaining("version");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.setFlag("limit", "not json", null, null, null, null, principal(null)))
				.withMessageContaining("value is not JSON");
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.setFlag("bad",
					"{\"state\": \"ON\", \"variants\": {\"a\": 1}}", null, null, null, null, principal(null)));
			assertThat(endpoint.setFlag("beta", "true", "bob", null, null, null, principal(null)).updatedBy())
				.isEqualTo("actuator");
			assertThat(endpoint.user("bob").document()).isEqualTo(Map.of("beta", true));
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.user("u".repeat(600)))
				.withMessageContaining("512");
		});
	}

	private static List<OperationType> operations(WebEndpointsSupplier supplier) {
		ExposableWebEndpoint flags = supplier.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(EndpointId.of("flags")))
			.findFirst()
			.orElseThrow();
		return flags.getOperations().stream().map(WebOperation::getType).toList();
	}

	private static SecurityContext principal(@Nullable String name) {
		return new SecurityContext() {
			@Override
			public @Nullable Principal getPrincipal() {
				return (name != null) ? () -> name : null;
			}

			@Override
			public boolean isUserInRole(String role) {
				return false;
			}
		};
	}

}
