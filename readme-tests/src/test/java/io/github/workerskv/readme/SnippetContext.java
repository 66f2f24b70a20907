package io.github.workerskv.readme;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a README snippet needs to become a program, and what is done with it.
 * @param shape how the snippet's text is placed in a source file
 * @param declarations what the snippet uses without declaring it: local variables for
 * {@link Shape#STATEMENTS}, members of the enclosing class for {@link Shape#MEMBERS}, more top-level types
 * for {@link Shape#UNIT} and {@link Shape#TEST}
 * @param run whether {@link Shape#STATEMENTS} are also run, not only compiled
 * @param testClass for {@link Shape#TEST}, the JUnit test class the snippet declares, which is run
 */
record SnippetContext(Shape shape, List<String> declarations, boolean run, @Nullable String testClass) {

	/** How a snippet's text is placed in a source file. */
	enum Shape {

		/** Statements: the body of a method, after the declarations as local variables. */
		STATEMENTS,

		/** Members (methods, fields, nested types) of a class, beside the declarations. */
		MEMBERS,

		/** Whole top-level types, followed by the declarations. */
		UNIT,

		/** A JUnit test class with {@code @SpringBootTest}: compiled beside a {@code @SpringBootApplication}, and run. */
		TEST,

		/** YAML: {@code cloudflare.kv.*} bound strictly to the starter's properties. */
		YAML

	}

	/** Statements that are compiled and run. */
	static SnippetContext runs(String... locals) {
		return new SnippetContext(Shape.STATEMENTS, List.of(locals), true, null);
	}

	/** Statements that are only compiled (they need a server, a file or an account). */
	static SnippetContext compiles(String... locals) {
		return new SnippetContext(Shape.STATEMENTS, List.of(locals), false, null);
	}

	static SnippetContext members(String... members) {
		return new SnippetContext(Shape.MEMBERS, List.of(members), false, null);
	}

	static SnippetContext unit(String... types) {
		return new SnippetContext(Shape.UNIT, List.of(types), false, null);
	}

	static SnippetContext test(String testClass) {
		return new SnippetContext(Shape.TEST, List.of(), true, testClass);
	}

	static SnippetContext yaml() {
		return new SnippetContext(Shape.YAML, List.of(), false, null);
	}

}
