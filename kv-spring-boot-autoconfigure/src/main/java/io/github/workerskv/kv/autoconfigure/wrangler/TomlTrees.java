package io.github.workerskv.kv.autoconfigure.wrangler;

import java.io.InputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Parses TOML with Jackson's TOML module. Kept apart from {@link WranglerConfig} so that the module
 * is only loaded when a {@code .toml} file is read: it is an optional dependency.
 */
final class TomlTrees {

	private static final TomlMapper MAPPER = TomlMapper.builder().build();

	private TomlTrees() {
	}

	static JsonNode read(InputStream in) {
		return MAPPER.readTree(in);
	}

}
