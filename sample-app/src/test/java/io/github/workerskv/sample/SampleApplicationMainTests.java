package io.github.workerskv.sample;

import java.net.http.HttpResponse;

import io.github.workerskv.kv.KVNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code java -jar} starts it, serving the Quick Start and the cached computation over HTTP.
 * In the build's {@code aot-tests} run ({@code -Dspring.aot.enabled=true}) it starts from the code
 * {@code process-aot} generated, as {@code java -Dspring.aot.enabled=true -jar} and a native image do.
 */
class SampleApplicationMainTests {

	@Test
	void mainServesTheQuickStartAndTheCachedComputation() throws Exception {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class); // as main() would: it names the AOT initializer
		try (ConfigurableApplicationContext context = application.run("--server.port=0", "--sample.compute.delay=0s",
				"--spring.main.banner-mode=off")) {
			AbstractBeanDefinition binding = (AbstractBeanDefinition) context.getBeanFactory()
				.getBeanDefinition("MY_NAMESPACE");
			assertThat(binding.getInstanceSupplier() != null)
				.as("bean definitions from generated code")
				.isEqualTo(AotDetector.useGeneratedArtifacts());
			if (AotDetector.useGeneratedArtifacts()) {
				assertThat(ClassUtils.isPresent(SampleApplication.class.getName() + "__ApplicationContextInitializer",
						getClass().getClassLoader())).isTrue();
			}
			QuickStartHttp http = new QuickStartHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			assertThat(http.post("/set/greeting", "Hello, KV!").statusCode()).isEqualTo(200);
			HttpResponse<String> get = http.get("/get/greeting");
			assertThat(get.body()).isEqualTo("{\"value\":\"Hello, KV!\"}");
			assertThat(context.getBean("MY_NAMESPACE", KVNamespace.class).get("greeting")).isEqualTo("Hello, KV!");
			String first = http.get("/compute/12").body();
			assertThat(first).contains("\"square\":144");
			assertThat(http.get("/compute/12").body()).isEqualTo(first);
			assertThat(context.getBean(ComputeService.class).computations()).isEqualTo(1);
		}
	}

}
