/**
 * The Worker side of Spring Data repositories on KV: entities a repository writes through the REST client are
 * read back by the real wrangler, byte for byte what the README documents.
 */
@NullMarked
package io.github.workerskv.kv.conformance.repositories;

import org.jspecify.annotations.NullMarked;
