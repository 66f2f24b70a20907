package io.github.workerskv.kv.console;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a console browses: the kind of store (shown on every page), a line that says where it is, and its
 * namespaces, asked for on every request so that namespaces created while the console runs (in the emulator)
 * appear. Immutable.
 */
public final class ConsoleBackend {

	private final ConsoleBackendKind kind;

	private final String description;

	private final Supplier<List<ConsoleNamespace>> namespaces;

	private ConsoleBackend(ConsoleBackendKind kind, String description, Supplier<List<ConsoleNamespace>> namespaces) {
		this.kind = kind;
		this.description = description;
		this.namespaces = namespaces;
	}

	/**
	 * @param kind the kind of store
	 * @param description where it is, for example {@code embedded store in memory} or {@code account 0f2a… at
	 * https://api.cloudflare.com/client/v4}; never a credential
	 * @param namespaces the namespaces, in the order to list them; names must be unique
	 * @return the backend
	 */
	public static ConsoleBackend of(ConsoleBackendKind kind, String description,
			Supplier<List<ConsoleNamespace>> namespaces) {
		return new ConsoleBackend(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(description, "description"),
				Objects.requireNonNull(namespaces, "namespaces"));
	}

	/**
	 * @param kind the kind of store
	 * @param description where it is
	 * @param namespaces a fixed list of namespaces
	 * @return the backend
	 */
	public static ConsoleBackend of(ConsoleBackendKind kind, String description, List<ConsoleNamespace> namespaces) {
		List<ConsoleNamespace> copy = List.copyOf(namespaces);
		return of(kind, description, () -> copy);
	}

	/** @return the kind of store */
	public ConsoleBackendKind kind() {
		return this.kind;
	}

	/** @return where the store is */
	public String description() {
		return this.description;
	}

	/** @return the namespaces now */
	public List<ConsoleNamespace> namespaces() {
		return List.copyOf(this.namespaces.get());
	}

	@Override
	public String toString() {
		return "ConsoleBackend[" + this.kind.wireName() + ", " + this.description + "]";
	}

}
