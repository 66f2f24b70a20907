package io.github.workerskv.readme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a README {@code application.yml} that imports configuration from KV: its {@code cloudflare.kv.*} keys bind
 * ({@link YamlSnippets}), then an application is started with the snippet as its only configuration file, on the
 * embedded store seeded from a {@code wrangler kv bulk put} file, and must have imported the expected properties
 * through the snippet's {@code spring.config.import}.
 */
final class ConfigImportSnippets {

	private ConfigImportSnippets() {
	}

	/**
	 * @param snippet the YAML
	 * @param context {@link SnippetContext#configImport}'s binding, seed JSON and expected {@code name=value}s
	 * @param work a directory for the files
	 * @throws AssertionError naming the snippet and the property that was not imported
	 */
	static void check(Snippet snippet, SnippetContext context, Path work) throws Exception {
		YamlSnippets.check(snippet);
		List<String> declarations = context.declarations();
		Files.createDirectories(work);
		Path yaml = Files.writeString(work.resolve("application.yml"), snippet.text());
		Path seed = Files.writeString(work.resolve("kv-seed.json"), declarations.get(1));
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ImportingApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.config.location=" + yaml.toUri(),
					"--cloudflare.kv.config.seed." + declarations.get(0) + "=" + seed.toUri(),
					"--spring.main.banner-mode=off", "--spring.docker.compose.enabled=false")) {
			for (String expected : declarations.subList(2, declarations.size())) {
				String[] pair = expected.split("=", 2);
				assertThat(application.getEnvironment().getProperty(pair[0]))
					.as(snippet.where() + ": " + pair[0] + ", imported from the seeded keys")
					.isEqualTo(pair[1]);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ImportingApplication {

	}

}
