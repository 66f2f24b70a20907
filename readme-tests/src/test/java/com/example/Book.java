package com.example;

/** The {@code value-type} the README's cache configuration names. */
public record Book(String isbn, String title) {
}
