package io.github.workerskv.kv.spring.data;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

/** A document with optimistic locking and audit dates. */
@KeySpace("documents")
class Document {

	@Id
	private String id;

	@Version
	private Long version;

	private String body;

	@CreatedDate
	private Instant created;

	@LastModifiedDate
	private Instant modified;

	Document() {
	}

	Document(String id, String body) {
		this.id = id;
		this.body = body;
	}

	public String getId() {
		return this.id;
	}

	public Long getVersion() {
		return this.version;
	}

	public String getBody() {
		return this.body;
	}

	void setBody(String body) {
		this.body = body;
	}

	public Instant getCreated() {
		return this.created;
	}

	public Instant getModified() {
		return this.modified;
	}

}
