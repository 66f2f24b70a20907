package io.github.workerskv.kv.spring.data;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.annotation.LastModifiedDate;

/** A note with an assigned id, no version, and audit dates. */
@KeySpace("notes")
class Note {

	@Id
	private String id;

	@Indexed
	private String owner;

	private String text;

	@CreatedDate
	private Instant created;

	@LastModifiedDate
	private Instant modified;

	Note() {
	}

	Note(String id, String owner, String text) {
		this.id = id;
		this.owner = owner;
		this.text = text;
	}

	public String getId() {
		return this.id;
	}

	public String getOwner() {
		return this.owner;
	}

	public String getText() {
		return this.text;
	}

	void setText(String text) {
		this.text = text;
	}

	void setOwner(String owner) {
		this.owner = owner;
	}

	public Instant getCreated() {
		return this.created;
	}

	public Instant getModified() {
		return this.modified;
	}

}
