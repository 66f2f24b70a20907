package io.github.workerskv.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /greeting} answers {@code {"greeting":"..."}}: {@code sample.greeting}, which the sample imports
 * from the KV key {@code config/sample/greeting} (the key a Worker reads with
 * {@code env.MY_NAMESPACE.get("config/sample/greeting")}), and which follows a change of that key within one
 * refresh interval.
 */
@RestController
class GreetingController {

	private final SampleProperties properties;

	GreetingController(SampleProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/greeting")
	GreetingResponse greeting() {
		return new GreetingResponse(this.properties.getGreeting());
	}

	record GreetingResponse(String greeting) {
	}

}
