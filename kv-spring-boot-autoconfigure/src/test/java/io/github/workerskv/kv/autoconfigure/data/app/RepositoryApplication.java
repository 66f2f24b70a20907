package io.github.workerskv.kv.autoconfigure.data.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application whose package holds a KV repository, as {@code @SpringBootApplication} would declare it. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class RepositoryApplication {

}
