package io.github.workerskv.kv.conformance.repositories;

import io.github.workerskv.kv.spring.data.Indexed;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** The README's example entity, as it is written there. */
@KeySpace("preferences")
public record Preferences(@Id String userId, @Indexed @Nullable String theme, @Nullable String language) {
}
