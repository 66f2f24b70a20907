package io.github.workerskv.kv.spring.data;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A session whose time to live is a field, in seconds. */
@KeySpace("sessions")
class Session {

	@Id
	private String id;

	@Indexed
	private String user;

	@TimeToLive
	private Long ttl;

	Session() {
	}

	Session(String id, String user, Long ttl) {
		this.id = id;
		this.user = user;
		this.ttl = ttl;
	}

	public String getId() {
		return this.id;
	}

	public String getUser() {
		return this.user;
	}

	public Long getTtl() {
		return this.ttl;
	}

}
