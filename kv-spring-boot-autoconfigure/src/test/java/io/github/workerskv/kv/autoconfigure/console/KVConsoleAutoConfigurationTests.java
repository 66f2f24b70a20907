package io.github.workerskv.kv.autoconfigure.console;

import java.util.List;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.console.ConsoleBackendKind;
import io.github.workerskv.kv.console.ConsoleNamespace;
import io.github.workerskv.kv.console.ConsoleRequest;
import io.github.workerskv.kv.console.KVConsole;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class KVConsoleAutoConfigurationTests {

	private static final String TOKEN = "console-secret-token-7d1e";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVConsoleAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279",
				"cloudflare.kv.namespaces.CACHE.id=6b8b4e1ce59c4b21b8a5bde0cd6e2bd1");

	private final WebApplicationContextRunner withoutSecurity = this.contextRunner
		.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class));

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(KVConsole.class)
			.doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void isServedOnlyByAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVConsoleAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.console.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KVConsole.class));
	}

	@Test
	void showsEveryBindingOfTheEmbeddedStoreWithoutAskingForConfirmations() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RouterFunction.class);
			KVConsole console = context.getBean(KVConsole.class);
			assertThat(console.backend().kind()).isEqualTo(ConsoleBackendKind.EMBEDDED);
			assertThat(console.backend().description()).isEqualTo("embedded store in memory");
			assertThat(console.backend().namespaces()).extracting(ConsoleNamespace::name).containsExactly("FLAGS", "CACHE");
			assertThat(console.backend().namespaces()).noneMatch(ConsoleNamespace::production);
			assertThat(console.backend().namespaces().get(0).namespace()).isSameAs(context.getBean("FLAGS"));
		});
	}

	@Test
	void marksTheConfiguredProductionBindings() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true",
				"cloudflare.kv.console.production-bindings=FLAGS").run((context) -> {
					List<ConsoleNamespace> namespaces = context.getBean(KVConsole.class).backend().namespaces();
					assertThat(namespaces).filteredOn(ConsoleNamespace::production)
						.extracting(ConsoleNamespace::name)
						.containsExactly("FLAGS");
				});
	}

	@Test
	void refusesAProductionBindingThatIsNotBound() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true",
				"cloudflare.kv.console.production-bindings=FLAG").run((context) -> {
					assertThat(context).hasFailed();
					UnknownBindingException unknown = null;
					for (Throwable t = context.getStartupFailure(); t != null && unknown == null; t = t.getCause()) {
						if (t instanceof UnknownBindingException ex) {
							unknown = ex;
						}
					}
					assertThat(unknown).isNotNull();
					assertThat(unknown.binding()).isEqualTo("FLAG");
					assertThat(unknown.referencingProperty()).isEqualTo("cloudflare.kv.console.production-bindings");
				});
	}

	@Test
	void refusesToServeCloudflareWithoutSpringSecurityAndSaysWhatToDo() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN).run((context) -> {
					assertThat(context).hasFailed();
					Throwable failure = context.getStartupFailure();
					assertThat(failure).rootCause().isInstanceOf(InsecureConsoleException.class);
					assertThat(failure).hasStackTraceContaining("account acct at https://api.cloudflare.com/client/v4");
					FailureAnalysis analysis = new InsecureConsoleFailureAnalyzer().analyze(failure);
					assertThat(analysis.getDescription()).contains("`cloudflare.kv.console.enabled=true`")
						.contains("Spring Security is not on the class path")
						.doesNotContain(TOKEN);
					assertThat(analysis.getAction()).contains("spring-boot-starter-security")
						.contains("`cloudflare.kv.console.role`")
						.contains("`cloudflare.kv.console.allow-insecure=true`")
						.contains("`cloudflare.kv.console.enabled=false`");
				});
	}

	@Test
	void servesCloudflareWithoutSpringSecurityOnlyWhenAllowedAndMarksEveryBindingProduction() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
				"cloudflare.kv.console.allow-insecure=true").run((context) -> {
					assertThat(context).hasNotFailed();
					KVConsole console = context.getBean(KVConsole.class);
					assertThat(console.backend().kind()).isEqualTo(ConsoleBackendKind.CLOUDFLARE);
					assertThat(console.backend().namespaces()).allMatch(ConsoleNamespace::production);
					assertThat(console.backend().toString()).doesNotContain(TOKEN);
					String session = new String(console.handle(ConsoleRequest.of("GET", "/api/session")).body());
					assertThat(session).contains("\"kind\":\"cloudflare\"").doesNotContain(TOKEN);
				});
	}

	@Test
	void previewIdsAreNotProduction() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.use-preview-ids=true",
				"cloudflare.kv.namespaces.FLAGS.preview-id=9a1d4ab3b3c54b8a9d1bca19e6b43f5e",
				"cloudflare.kv.namespaces.CACHE.preview-id=1a1d4ab3b3c54b8a9d1bca19e6b43f5e",
				"cloudflare.kv.console.allow-insecure=true").run((context) -> {
					KVConsole console = context.getBean(KVConsole.class);
					assertThat(console.backend().description()).endsWith(", preview ids");
					assertThat(console.backend().namespaces()).noneMatch(ConsoleNamespace::production);
				});
	}

	@Test
	void aRestApiOnLoopbackIsShownAsTheEmulator() {
		this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
				"cloudflare.kv.base-url=http://127.0.0.1:8787/client/v4", "cloudflare.kv.console.allow-insecure=true")
			.run((context) -> {
				KVConsole console = context.getBean(KVConsole.class);
				assertThat(console.backend().kind()).isEqualTo(ConsoleBackendKind.EMULATOR);
				assertThat(console.backend().namespaces()).noneMatch(ConsoleNamespace::production);
			});
	}

	@Test
	void withSpringSecurityRemoteModeNeedsNoPermission() {
		this.contextRunner.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KVConsole.class));
	}

	@Test
	void refusesAPathThatIsNotOne() {
		for (String path : List.of("kv-console", "/kv-console/", "/", "/kv/**", "/kv/{x}")) {
			this.withoutSecurity.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.console.path=" + path)
				.run((context) -> assertThat(context.getStartupFailure()).as(path)
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("cloudflare.kv.console.path"));
		}
	}

	@Test
	void refusesABlankRole() {
		this.contextRunner.withPropertyValues("cloudflare.kv.console.enabled=true", "cloudflare.kv.console.role= ")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("cloudflare.kv.console.role"));
	}

}
