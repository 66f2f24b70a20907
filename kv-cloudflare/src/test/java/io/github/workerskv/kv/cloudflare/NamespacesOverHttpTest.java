package io.github.workerskv.kv.cloudflare;

import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Namespace management: create, get, rename, list page by page, delete. */
class NamespacesOverHttpTest {

	private EmulatedAccount account;

	private CloudflareKVClient client;

	@BeforeEach
	void start() {
		this.account = new EmulatedAccount();
		this.client = this.account.client();
	}

	@AfterEach
	void stop() {
		this.account.close();
	}

	@Test
	void createGetRenameDelete() {
		NamespaceInfo created = this.client.createNamespace("flags");
		assertThat(created.id()).isNotBlank();
		assertThat(created.title()).isEqualTo("flags");
		assertThat(this.client.getNamespace(created.id())).isEqualTo(created);
		NamespaceInfo renamed = this.client.renameNamespace(created.id(), "feature-flags");
		assertThat(renamed.id()).isEqualTo(created.id());
		assertThat(renamed.title()).isEqualTo("feature-flags");
		assertThat(this.client.getNamespace(created.id()).title()).isEqualTo("feature-flags");
		this.client.namespace(created.id()).put("k", "v");
		this.client.deleteNamespace(created.id());
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
			.isThrownBy(() -> this.client.getNamespace(created.id()));
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
			.isThrownBy(() -> this.client.namespace(created.id()).get("k"));
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
			.isThrownBy(() -> this.client.renameNamespace(created.id(), "x"));
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
			.isThrownBy(() -> this.client.deleteNamespace(created.id()));
	}

	@Test
	void listsEveryNamespacePageByPageSortedByTitle() {
		List<String> titles = new ArrayList<>();
		for (int i = 0; i < 205; i++) {
			String title = String.format("ns-%03d", i);
			this.client.createNamespace(title);
			titles.add(title);
		}
		RequestLog pages = this.account.requests();
		List<NamespaceInfo> listed = this.client.listNamespaces();
		assertThat(listed).extracting(NamespaceInfo::title).containsExactlyElementsOf(titles);
		assertThat(listed).extracting(NamespaceInfo::id).doesNotHaveDuplicates();
		assertThat(pages.count(RequestLine.matching("GET", "/storage/kv/namespaces$"))).isEqualTo(4);
	}

	@Test
	void anAccountWithoutNamespacesListsNone() {
		assertThat(this.client.listNamespaces()).isEmpty();
	}

}
