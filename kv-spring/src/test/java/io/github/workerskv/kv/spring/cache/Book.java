package io.github.workerskv.kv.spring.cache;

import java.util.List;

/** A value type of the tests' own package, which the tests' JSON allow-list admits. */
record Book(String isbn, String title, List<String> authors) {
}
