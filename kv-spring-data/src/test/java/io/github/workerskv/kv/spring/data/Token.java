package io.github.workerskv.kv.spring.data;

import java.time.Duration;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A token whose time to live comes from a method; without one the keyspace default applies. */
@KeySpace("tokens")
class Token {

	@Id
	private String id;

	private Duration lifetime;

	Token() {
	}

	Token(String id, Duration lifetime) {
		this.id = id;
		this.lifetime = lifetime;
	}

	public String getId() {
		return this.id;
	}

	@TimeToLive
	Duration remaining() {
		return this.lifetime;
	}

}
