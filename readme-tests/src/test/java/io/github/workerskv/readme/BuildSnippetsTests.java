package io.github.workerskv.readme;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Maven and Gradle snippets name modules that exist, at the project's version, and the BOM manages
 * every published module.
 */
class BuildSnippetsTests {

	private static final String GROUP = "io.github.workerskv";

	/** Modules of the build that are not published for applications to depend on. */
	private static final Set<String> NOT_PUBLISHED = Set.of("sample-app", "kv-conformance", "kv-benchmarks",
			"readme-tests", "kv-bom", "kv-console-tests");

	private static final Pattern GRADLE_COORDINATES = Pattern.compile("\"" + Pattern.quote(GROUP) + ":([A-Za-z0-9._-]+)(?::([^\"]+))?\"");

	private final Path root = Snippets.readme().getParent();

	private final Document rootPom = xml(this.root.resolve("pom.xml"));

	private final String version = child(this.rootPom.getDocumentElement(), "version");

	private final List<Snippet> snippets = Snippets.read(Snippets.readme());

	@Test
	void mavenSnippetsNameModulesAtTheProjectsVersionOrImportTheBom() throws Exception {
		List<String> problems = new ArrayList<>();
		int ours = 0;
		for (Snippet snippet : this.snippets) {
			if (!snippet.language().equals("xml") || !snippet.text().contains("<dependency>")) {
				continue;
			}
			Element block = xml("<snippet>" + snippet.text() + "</snippet>").getDocumentElement();
			NodeList dependencies = block.getElementsByTagName("dependency");
			boolean importsBom = false;
			for (int i = 0; i < dependencies.getLength(); i++) {
				Element dependency = (Element) dependencies.item(i);
				importsBom |= child(dependency, "artifactId").equals("kv-bom") && child(dependency, "scope").equals("import");
			}
			for (int i = 0; i < dependencies.getLength(); i++) {
				Element dependency = (Element) dependencies.item(i);
				if (!child(dependency, "groupId").equals(GROUP)) {
					continue;
				}
				ours++;
				String artifact = child(dependency, "artifactId");
				String declared = child(dependency, "version");
				if (!modules().contains(artifact)) {
					problems.add(snippet.where() + ": " + artifact + " is not a module of this build");
				}
				if (declared.isEmpty() ? !importsBom : !declared.equals(this.version)) {
					problems.add(snippet.where() + ": " + artifact + " needs <version>" + this.version
							+ "</version> (or the kv-bom import in the same block), not '" + declared + "'");
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(ours).as("dependencies on our modules in Maven snippets").isGreaterThanOrEqualTo(3);
	}

	@Test
	void gradleSnippetsNameModulesAtTheProjectsVersion() {
		List<String> problems = new ArrayList<>();
		int ours = 0;
		for (Snippet snippet : this.snippets) {
			if (!snippet.language().equals("kotlin") && !snippet.language().equals("groovy")) {
				continue;
			}
			Matcher coordinates = GRADLE_COORDINATES.matcher(snippet.text());
			while (coordinates.find()) {
				ours++;
				String artifact = coordinates.group(1);
				String declared = coordinates.group(2);
				if (!modules().contains(artifact)) {
					problems.add(snippet.where() + ": " + artifact + " is not a module of this build");
				}
				if (artifact.equals("kv-bom") ? !this.version.equals(declared) : declared != null && !declared.equals(this.version)) {
					problems.add(snippet.where() + ": " + artifact + " at '" + declared + "', not " + this.version);
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(ours).as("our modules in Gradle snippets").isGreaterThanOrEqualTo(2);
	}

	@Test
	void theBomManagesEveryPublishedModuleAtTheProjectsVersion() {
		Document bom = xml(this.root.resolve("kv-bom/pom.xml"));
		assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(this.version);
		Set<String> managed = new LinkedHashSet<>();
		NodeList dependencies = bom.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			assertThat(child(dependency, "groupId")).isEqualTo(GROUP);
			assertThat(child(dependency, "version")).isEqualTo("${project.version}");
			managed.add(child(dependency, "artifactId"));
		}
		Set<String> published = new LinkedHashSet<>(modules());
		published.removeAll(NOT_PUBLISHED);
		assertThat(managed).as("modules in kv-bom/pom.xml").containsExactlyInAnyOrderElementsOf(published);
	}

	private Set<String> modules() {
		Set<String> modules = new LinkedHashSet<>();
		NodeList names = this.rootPom.getElementsByTagName("module");
		for (int i = 0; i < names.getLength(); i++) {
			modules.add(names.item(i).getTextContent().trim());
		}
		return modules;
	}

	private static String child(Element element, String name) {
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().trim();
			}
		}
		return "";
	}

	private static Document xml(Path file) {
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	private static Document xml(String text) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
