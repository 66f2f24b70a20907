package io.github.workerskv.kv.autoconfigure.data.norepositories;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application that has kv-spring-data on its class path and no KV repository. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ApplicationWithoutRepositories {

}
