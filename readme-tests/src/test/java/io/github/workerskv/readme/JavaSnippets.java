package io.github.workerskv.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Turns a Java snippet into a source file as its {@link SnippetContext} says, compiles it with {@code javax.tools}
 * against this module's test class path, and runs it when the context says so.
 *
 * <p>Every snippet gets the same imports ({@link #IMPORTS}) and its own package. {@code { ... }}, the README's
 * way of leaving a body out, becomes a body that throws. A compilation error is reported at its README line.
 */
final class JavaSnippets {

	/** The imports every snippet gets: the project's packages, and what its snippets use of the JDK and Spring. */
	static final List<String> IMPORTS = List.of("java.nio.file.*", "java.time.*", "java.util.*",
			"io.github.workerskv.kv.*", "io.github.workerskv.kv.local.*", "io.github.workerskv.kv.cloudflare.*",
			"io.github.workerskv.kv.resilience.*", "io.github.workerskv.kv.emulator.*",
			"io.github.workerskv.kv.spring.cache.*", "io.github.workerskv.kv.autoconfigure.*",
			"io.github.workerskv.kv.autoconfigure.cache.*", "io.github.workerskv.kv.autoconfigure.wrangler.*",
			"io.github.workerskv.kv.test.*", "org.springframework.beans.factory.annotation.*",
			"org.springframework.context.annotation.*", "org.springframework.stereotype.*",
			"org.springframework.cache.annotation.*", "org.springframework.boot.autoconfigure.*",
			"org.springframework.boot.test.context.*", "org.junit.jupiter.api.*",
			"io.github.workerskv.kv.spring.data.*", "org.springframework.data.annotation.*",
			"org.springframework.data.keyvalue.annotation.*", "org.springframework.data.repository.*",
			"org.springframework.data.domain.*", "io.github.workerskv.kv.flags.*",
			"io.github.workerskv.kv.flags.openfeature.*", "dev.openfeature.sdk.*", "tools.jackson.databind.node.*",
			"io.github.workerskv.kv.testcontainers.*", "org.testcontainers.junit.jupiter.*",
			"org.springframework.boot.testcontainers.service.connection.*",
			"static org.assertj.core.api.Assertions.*");

	private static final String LEFT_OUT = "{ throw new UnsupportedOperationException(\"left out in the README\"); }";

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

	private JavaSnippets() {
	}

	/**
	 * Compiles the snippet and, when its context says so, runs it.
	 * @param snippet the snippet
	 * @param context its context
	 * @param work a directory for the classes
	 * @throws AssertionError naming the README line when it does not compile, or its run fails
	 */
	static void check(Snippet snippet, SnippetContext context, Path work) throws Exception {
		String pkg = "readme.snippet_" + ((snippet.id() != null) ? snippet.id() : "line" + snippet.line())
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_");
		Source source = source(pkg, snippet, context);
		try (URLClassLoader loader = compile(snippet, source, work)) {
			switch (context.shape()) {
				case STATEMENTS -> {
					if (context.run()) {
						runStatements(snippet, loader.loadClass(pkg + ".Snippet"));
					}
				}
				case TEST -> runTests(snippet, loader, loader.loadClass(pkg + "." + context.testClass()));
				default -> {
				}
			}
		}
	}

	/** A source file: its type name, its text, and the line of the text where the snippet starts. */
	record Source(String typeName, String text, int snippetStart) {
	}

	static Source source(String pkg, Snippet snippet, SnippetContext context) {
		StringBuilder header = new StringBuilder("package " + pkg + ";\n\n");
		IMPORTS.forEach((name) -> header.append("import ").append(name).append(";\n"));
		header.append('\n');
		String code = snippet.text().replace("{ ... }", LEFT_OUT);
		String declarations = String.join("\n", context.declarations());
		return switch (context.shape()) {
			case STATEMENTS -> wrap(header + "class Snippet {\n\n" + String.join("\n", context.members())
					+ "\n\n\tvoid run() throws Exception {\n" + declarations + "\n",
					code, "\t}\n\n}\n", "Snippet");
			case MEMBERS -> wrap(header + "class Snippet {\n\n" + declarations + "\n", code, "}\n", "Snippet");
			case UNIT -> wrap(header.toString(), code, declarations + "\n", typeName(code));
			case TEST -> wrap(header.toString(), code,
					declarations + "\n@SpringBootApplication\nclass ReadmeApplication {\n}\n", typeName(code));
			case YAML, CONFIG_IMPORT, COMPOSE -> throw new IllegalArgumentException("Not a Java snippet: " + snippet.where());
		};
	}

	private static Source wrap(String before, String code, String after, String typeName) {
		int start = (int) before.chars().filter((c) -> c == '\n').count() + 1;
		return new Source(typeName, before + code + after, start);
	}

	private static String typeName(String code) {
		Matcher type = PUBLIC_TYPE.matcher(code);
		return type.find() ? type.group(1) : "Snippet";
	}

	private static URLClassLoader compile(Snippet snippet, Source source, Path work) throws IOException {
		Path classes = Files.createDirectories(work.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		JavaFileObject file = new SimpleJavaFileObject(
				Path.of(source.typeName() + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source.text();
			}
		};
		List<String> options = List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none",
				"-parameters", "-encoding", "UTF-8");
		boolean compiled = compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
		if (!compiled) {
			throw new AssertionError(snippet.where() + " does not compile:\n" + diagnostics.getDiagnostics()
				.stream()
				.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
				.map((diagnostic) -> describe(snippet, source, diagnostic))
				.collect(Collectors.joining("\n")) + "\n--- compiled as ---\n" + numbered(source.text()));
		}
		return new URLClassLoader(new URL[] { url(classes) }, JavaSnippets.class.getClassLoader());
	}

	private static String describe(Snippet snippet, Source source, Diagnostic<? extends JavaFileObject> diagnostic) {
		long line = diagnostic.getLineNumber() - source.snippetStart();
		long snippetLines = snippet.text().lines().count();
		String where = (line >= 0 && line < snippetLines) ? "README.md line " + (snippet.line() + 1 + line)
				: "line " + diagnostic.getLineNumber() + " of the context";
		return "  " + where + ": " + diagnostic.getMessage(Locale.ROOT);
	}

	private static String numbered(String text) {
		List<String> lines = new ArrayList<>(text.lines().toList());
		for (int i = 0; i < lines.size(); i++) {
			lines.set(i, String.format("%4d  %s", i + 1, lines.get(i)));
		}
		return String.join("\n", lines);
	}

	/** The test class path: Surefire's, which a manifest-only booter jar hides from {@code java.class.path}. */
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static URL url(Path directory) {
		try {
			return directory.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void runStatements(Snippet snippet, Class<?> type) throws Exception {
		Constructor<?> constructor = type.getDeclaredConstructor();
		constructor.setAccessible(true);
		Method run = type.getDeclaredMethod("run");
		run.setAccessible(true);
		try {
			run.invoke(constructor.newInstance());
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError(snippet.where() + " compiles but fails when run: " + ex.getCause(), ex.getCause());
		}
	}

	private static void runTests(Snippet snippet, ClassLoader loader, Class<?> testClass) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(loader);
		try {
			SummaryGeneratingListener listener = new SummaryGeneratingListener();
			Launcher launcher = LauncherFactory.create();
			launcher.execute(request().selectors(selectClass(testClass)).build(), listener);
			TestExecutionSummary summary = listener.getSummary();
			if (summary.getTestsFoundCount() == 0 || summary.getTotalFailureCount() > 0
					|| summary.getTestsSucceededCount() != summary.getTestsFoundCount()) {
				StringBuilder failures = new StringBuilder();
				summary.getFailures()
					.forEach((failure) -> failures.append("\n  ")
						.append(failure.getTestIdentifier().getDisplayName())
						.append(": ")
						.append(failure.getException()));
				throw new AssertionError(snippet.where() + ": " + summary.getTestsSucceededCount() + " of "
						+ summary.getTestsFoundCount() + " tests of " + testClass.getSimpleName() + " passed" + failures,
						summary.getFailures().isEmpty() ? null : summary.getFailures().get(0).getException());
			}
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
