package io.github.workerskv.kv.cloudflare;

import org.jspecify.annotations.Nullable;

/**
 * A KV namespace as the REST API describes it.
 *
 * @param id the namespace id (32 hex digits at Cloudflare), used in every KV path
 * @param title its title, unique in the account
 * @param supportsUrlEncoding whether the namespace URL-decodes keys given in a path, or {@code null}
 * if the server did not say
 */
public record NamespaceInfo(String id, String title, @Nullable Boolean supportsUrlEncoding) {
}
