package io.github.workerskv.kv.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wrangler kv namespace create/list/rename/delete} against the emulator. */
class WranglerNamespaceConformanceTest {

	private static final Pattern ID = Pattern.compile("\"id\": \"([0-9a-f]{32})\"");

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	private Wrangler wrangler;

	@BeforeEach
	void wrangler() {
		this.wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
	}

	@Test
	void createsListsRenamesAndDeletesNamespaces() {
		NodeProcess.Result created = this.wrangler.ok("kv", "namespace", "create", "wr-first");
		this.wrangler.ok("kv", "namespace", "create", "wr-second");
		Matcher id = ID.matcher(created.out());
		assertThat(id.find()).as(created.describe()).isTrue();

		NodeProcess.Result duplicate = this.wrangler.run("kv", "namespace", "create", "wr-first");
		this.wrangler.ok("kv", "namespace", "rename", "wr-second", "--new-name", "wr-renamed");
		NodeProcess.Result listed = this.wrangler.ok("kv", "namespace", "list");

		JsonNode namespaces = Conformance.JSON.readTree(listed.out());
		assertThat(namespaces.findValuesAsString("title")).containsExactly("wr-first", "wr-renamed");
		assertThat(namespaces.findValuesAsString("id")).contains(id.group(1));
		assertThat(duplicate.exitCode()).as(duplicate.describe()).isNotZero();
		assertThat(duplicate.out() + duplicate.stderr()).contains("already exists").doesNotContain("[code: 10000]");

		this.wrangler.ok("kv", "namespace", "delete", "--namespace-id", id.group(1), "--skip-confirmation");
		this.wrangler.ok("kv", "namespace", "delete", "wr-renamed", "--skip-confirmation");
		assertThat(Conformance.JSON.readTree(this.wrangler.ok("kv", "namespace", "list").out())).isEmpty();
	}

	@Test
	void followsNamespacePagesUntilAnEmptyOne() {
		try (KVEmulator crowded = KVEmulator.start(Conformance.options())) {
			List<String> ids = Conformance.createNamespaces(crowded, "page-", 1_005);

			NodeProcess.Result listed = new Wrangler(crowded, Conformance.TOKEN, Conformance.ACCOUNT, this.home)
				.ok("kv", "namespace", "list");

			JsonNode namespaces = Conformance.JSON.readTree(listed.out());
			assertThat(namespaces.findValuesAsString("id")).containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	@Test
	void reportsAWrongTokenAsAnAuthenticationErrorWithoutHanging() {
		NodeProcess.Result result = this.wrangler.with("CLOUDFLARE_API_TOKEN", "wrong-token").run("kv", "namespace", "list");

		assertThat(result.timedOut()).as(result.describe()).isFalse();
		assertThat(result.exitCode()).as(result.describe()).isNotZero();
		assertThat(result.out() + result.stderr()).contains("Authentication error").contains("10000")
			.doesNotContain(Conformance.TOKEN);
	}

	@Test
	void authenticatesWithAGlobalApiKeyAndEmail() {
		NodeProcess.Result listed = this.wrangler.without("CLOUDFLARE_API_TOKEN")
			.with("CLOUDFLARE_API_KEY", Conformance.TOKEN)
			.with("CLOUDFLARE_EMAIL", "dev@example.com")
			.ok("kv", "namespace", "list");

		assertThat(Conformance.JSON.readTree(listed.out()).isArray()).isTrue();
	}

	@Test
	void retriesAThrottledNamespaceListThroughItsBundledSdk() {
		kv.emulator().faults().next(1, RequestLine.matching("GET", "/storage/kv/namespaces$"),
				Fault.rateLimited(Duration.ofSeconds(1)));
		try {
			NodeProcess.Result listed = this.wrangler.ok("kv", "namespace", "list");

			assertThat(Conformance.JSON.readTree(listed.out()).isArray()).isTrue();
			assertThat(kv.emulator().faults().scriptedRemaining()).isZero();
		}
		finally {
			kv.emulator().faults().reset();
		}
	}

	@Test
	void findsTheAccountThroughMembershipsWhenNoAccountIdIsSet() {
		NodeProcess.Result result = this.wrangler.without("CLOUDFLARE_ACCOUNT_ID").ok("kv", "namespace", "create",
				"wr-via-memberships");

		assertThat(result.out()).contains("wr-via-memberships");
		this.wrangler.ok("kv", "namespace", "delete", "wr-via-memberships", "--skip-confirmation");
	}

}
