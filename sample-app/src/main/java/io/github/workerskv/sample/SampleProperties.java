package io.github.workerskv.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's own settings, under {@code sample}: imported from KV ({@code config/sample/…} of
 * {@code MY_NAMESPACE}) and rebound when the refresh sees them change.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * What GET /greeting answers.
	 */
	private String greeting = "Hello from application.yml!";

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

}
