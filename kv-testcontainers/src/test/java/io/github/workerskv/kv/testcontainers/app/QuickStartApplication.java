package io.github.workerskv.kv.testcontainers.app;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * The application the container tests run: one binding, {@code MY_NAMESPACE}, configured as a production
 * application configures it ({@code application.properties} beside this class's tests), and a computation
 * cached in it.
 */
@SpringBootApplication
@EnableCaching
public class QuickStartApplication {

	@Bean
	Squares squares() {
		return new Squares();
	}

	/** Squares numbers, counting how often it really had to. */
	public static class Squares {

		private final AtomicInteger computations = new AtomicInteger();

		@Cacheable("squares")
		public String square(int n) {
			this.computations.incrementAndGet();
			return Integer.toString(n * n);
		}

		public int computations() {
			return this.computations.get();
		}

	}

}
