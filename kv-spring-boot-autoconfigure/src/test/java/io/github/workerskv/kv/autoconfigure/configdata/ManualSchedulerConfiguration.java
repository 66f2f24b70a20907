package io.github.workerskv.kv.autoconfigure.configdata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replaces the refresh's scheduler by one the test ticks by hand. */
@Configuration(proxyBeanMethods = false)
class ManualSchedulerConfiguration {

	@Bean(name = KVConfigDataAutoConfiguration.SCHEDULER_BEAN_NAME)
	ManualTaskScheduler kvConfigRefreshScheduler() {
		return new ManualTaskScheduler();
	}

}
