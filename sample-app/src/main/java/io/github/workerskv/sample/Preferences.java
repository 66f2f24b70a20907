package io.github.workerskv.sample;

import io.github.workerskv.kv.spring.data.Indexed;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/**
 * A user's preferences, one of the uses the Workers KV docs list: stored under {@code preferences:<userId>} as
 * the JSON {@code {"userId":"ada","theme":"dark","language":"en"}}, which a Worker reads with
 * {@code env.MY_NAMESPACE.get("preferences:ada", "json")}.
 *
 * <p>{@code theme} is {@link Indexed}: it is also written to the key's metadata, so that
 * {@link PreferencesRepository#findByTheme} lists keys without reading a value per user. The keyspace's time to
 * live ({@code cloudflare.kv.repositories.time-to-live.preferences} in {@code application.yml}) makes the
 * preferences of a user who stops saving them expire.
 *
 * @param userId the user, the id (and the end of the key)
 * @param theme the colour theme, such as {@code dark}
 * @param language the preferred language, such as {@code en}
 */
@KeySpace("preferences")
public record Preferences(@Id String userId, @Indexed @Nullable String theme, @Nullable String language) {
}
