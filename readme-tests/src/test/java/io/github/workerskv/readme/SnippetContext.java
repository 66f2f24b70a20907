package io.github.workerskv.readme;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a README snippet needs to become a program, and what is done with it.
 * @param shape how the snippet's text is placed in a source file
 * @param declarations what the snippet uses without declaring it: local variables for
 * {@link Shape#STATEMENTS}, members of the enclosing class for {@link Shape#MEMBERS}, more top-level types
 * for {@link Shape#UNIT} and {@link Shape#TEST}
 * @param members for {@link Shape#STATEMENTS}, members of the class whose method the statements are (methods
 * they call on {@code this}, nested types they use)
 * @param run whether {@link Shape#STATEMENTS} are also run, not only compiled
 * @param testClass for {@link Shape#TEST}, the JUnit test class that is run: the snippet's, or one of the declarations
 */
record SnippetContext(Shape shape, List<String> declarations, List<String> members, boolean run,
		@Nullable String testClass) {

	/** How a snippet's text is placed in a source file. */
	enum Shape {

		/** Statements: the body of a method, after the declarations as local variables. */
		STATEMENTS,

		/** Members (methods, fields, nested types) of a class, beside the declarations. */
		MEMBERS,

		/** Whole top-level types, followed by the declarations. */
		UNIT,

		/**
		 * Top-level types compiled beside a {@code @SpringBootApplication}, with a JUnit test class (the snippet, or
		 * one of the declarations that uses it) that is run.
		 */
		TEST,

		/** YAML: {@code cloudflare.kv.*} bound strictly to the starter's properties. */
		YAML,

		/**
		 * YAML with {@code spring.config.import}: bound as {@link #YAML}, then the configuration file of an
		 * application started on a seeded embedded store, which must import the expected properties.
		 */
		CONFIG_IMPORT,

		/** A Docker Compose file, read as Spring Boot's Docker Compose support and the emulator read it. */
		COMPOSE

	}

	/** Statements that are compiled and run. */
	static SnippetContext runs(String... locals) {
		return new SnippetContext(Shape.STATEMENTS, List.of(locals), List.of(), true, null);
	}

	/** Statements that are only compiled (they need a server, a file or an account). */
	static SnippetContext compiles(String... locals) {
		return new SnippetContext(Shape.STATEMENTS, List.of(locals), List.of(), false, null);
	}

	static SnippetContext members(String... members) {
		return new SnippetContext(Shape.MEMBERS, List.of(members), List.of(), false, null);
	}

	static SnippetContext unit(String... types) {
		return new SnippetContext(Shape.UNIT, List.of(types), List.of(), false, null);
	}

	/** The snippet is a JUnit test class, which is run. */
	static SnippetContext test(String testClass) {
		return new SnippetContext(Shape.TEST, List.of(), List.of(), true, testClass);
	}

	/**
	 * The snippet is compiled beside the given types, and the test class among them, which uses the snippet, is run.
	 */
	static SnippetContext testedBy(String testClass, String... types) {
		return new SnippetContext(Shape.TEST, List.of(types), List.of(), true, testClass);
	}

	/** @return this context, with members of the class that holds {@link Shape#STATEMENTS} */
	SnippetContext withMembers(String... classMembers) {
		if (this.shape != Shape.STATEMENTS) {
			throw new IllegalStateException("Only statements have an enclosing class of the context's making");
		}
		return new SnippetContext(this.shape, this.declarations, List.of(classMembers), this.run, this.testClass);
	}

	/**
	 * @param binding the binding the imports read
	 * @param seedJson the keys put in its embedded namespace first, as {@code wrangler kv bulk put} reads them
	 * @param expected {@code name=value} for each property the application must have imported
	 */
	static SnippetContext configImport(String binding, String seedJson, String... expected) {
		List<String> declarations = new java.util.ArrayList<>(List.of(binding, seedJson));
		declarations.addAll(List.of(expected));
		return new SnippetContext(Shape.CONFIG_IMPORT, List.copyOf(declarations), List.of(), true, null);
	}

	static SnippetContext compose() {
		return new SnippetContext(Shape.COMPOSE, List.of(), List.of(), false, null);
	}

	static SnippetContext yaml() {
		return new SnippetContext(Shape.YAML, List.of(), List.of(), false, null);
	}

}
