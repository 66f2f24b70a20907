package io.github.workerskv.kv.benchmarks.startup;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;

/**
 * A Boot application with nothing of its own, in a package of its own (so that nothing is scanned but this
 * class): started on a class path with and without the starter, it prints the JVM's uptime when it is ready,
 * the process's CPU time by then and Boot's own start-up time,
 * {@code {"uptimeMillis":…,"cpuMillis":…,"bootMillis":…}}, and exits. It names no class of this library, so
 * that it runs without it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StartupApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationReadyEvent event) -> System.out.println("{\"uptimeMillis\":"
				+ ManagementFactory.getRuntimeMXBean().getUptime() + ",\"cpuMillis\":" + cpuMillis() + ",\"bootMillis\":"
				+ event.getTimeTaken().toMillis()
				+ ",\"beans\":" + event.getApplicationContext().getBeanDefinitionCount() + "}"));
		application.run(args).close();
	}

	/** The CPU time of this process so far, every thread (JIT and GC too), which load on the machine barely changes. */
	private static long cpuMillis() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
				/ 1_000_000;
	}

}
