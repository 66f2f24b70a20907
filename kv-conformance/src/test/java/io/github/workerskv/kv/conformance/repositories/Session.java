package io.github.workerskv.kv.conformance.repositories;

import java.time.Instant;

import io.github.workerskv.kv.spring.data.Indexed;
import io.github.workerskv.kv.spring.data.TimeToLive;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** The README's second layout example: a version, audit dates, a time to live of its own, two indexes. */
@KeySpace("sessions")
public class Session {

	@Id
	@Nullable String id;

	@Indexed
	@Nullable String user;

	@Indexed
	int devices;

	@TimeToLive
	@Nullable Long ttl;

	@Version
	@Nullable Long version;

	@CreatedDate
	@Nullable Instant created;

	@LastModifiedDate
	@Nullable Instant modified;

	Session() {
	}

	public Session(String id, String user, int devices, long ttl) {
		this.id = id;
		this.user = user;
		this.devices = devices;
		this.ttl = ttl;
	}

}
