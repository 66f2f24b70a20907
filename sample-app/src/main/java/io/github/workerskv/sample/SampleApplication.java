package io.github.workerskv.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The sample application: the Workers KV Quick Start ({@code POST /set/{key}}, {@code GET /get/{key}})
 * served by Spring MVC on the embedded store, in memory, so it runs with nothing but a JDK; and a slow
 * computation, {@code GET /compute/{n}}, cached in KV with {@code @Cacheable} ({@link ComputeService}); and user
 * preferences, {@code /preferences/{userId}}, kept by a Spring Data repository ({@link PreferencesRepository}) as
 * JSON a Worker reads, with an indexed theme and a time to live ({@link PreferencesController}).
 *
 * <p>Part of its configuration is imported from KV ({@code spring.config.import=cloudflare-kv:MY_NAMESPACE/config/},
 * the embedded store seeded from {@code kv-seed.json}): {@code GET /greeting} answers {@code sample.greeting}, read
 * from the key {@code config/sample/greeting}, and follows changes of it ({@link GreetingController}).
 *
 * <p>The binding comes from {@code application.yml} ({@code cloudflare.kv.namespaces.MY_NAMESPACE}).
 * Data is lost when the application stops unless {@code cloudflare.kv.local.persist-path} names a file.
 * The {@code remote} profile ({@code application-remote.yml}) serves the same endpoints from the namespace
 * on Cloudflare, or on the KV emulator, named by {@code MY_NAMESPACE_ID}, with wrangler's
 * {@code CLOUDFLARE_ACCOUNT_ID} and {@code CLOUDFLARE_API_TOKEN}.
 */
@SpringBootApplication
@EnableCaching
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args Spring Boot arguments, for example {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
