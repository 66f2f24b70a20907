package io.github.workerskv.kv.autoconfigure.data.app;

import io.github.workerskv.kv.spring.data.Indexed;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A user's preferences: the entity of the auto-configured repositories. */
@KeySpace("preferences")
public class Preferences {

	@Id
	String userId;

	@Indexed
	String theme;

	Preferences() {
	}

	public Preferences(String userId, String theme) {
		this.userId = userId;
		this.theme = theme;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getTheme() {
		return this.theme;
	}

}
