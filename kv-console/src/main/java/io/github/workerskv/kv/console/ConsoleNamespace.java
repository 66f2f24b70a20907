package io.github.workerskv.kv.console;

import java.util.Objects;

import io.github.workerskv.kv.KVNamespace;

/**
 * One namespace the console shows.
 *
 * @param name the name it is listed and addressed by: a binding name in an application, the namespace's title
 * in the emulator
 * @param namespace the namespace every read and write goes through, with its validation
 * @param production whether writes are real data that users see: the console asks for a confirmation before
 * each one, and its API refuses a write that does not carry it
 */
public record ConsoleNamespace(String name, KVNamespace namespace, boolean production) {

	public ConsoleNamespace {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(namespace, "namespace");
	}

}
