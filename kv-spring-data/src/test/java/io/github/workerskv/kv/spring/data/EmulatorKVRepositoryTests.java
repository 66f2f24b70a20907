package io.github.workerskv.kv.spring.data;

import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository suite on Cloudflare's REST API, spoken over HTTP to the KV emulator on loopback; and the
 * emulator's request counts proving what each kind of query costs.
 */
class EmulatorKVRepositoryTests extends KVRepositoryContractTests {

	private static final KVEmulatorClock clock = KVEmulatorClock.at(START);

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("repo-token").withAccountId("acct").withClock(clock));

	private CloudflareKVClient client;

	private KVNamespace namespace;

	private KVNamespace other;

	@AfterAll
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	private CloudflareKVClient client() {
		if (this.client == null) {
			this.client = CloudflareKVClient.create(
					CloudflareKVConfig.of("acct", Credentials.apiToken("repo-token")).withBaseUrl(kv.baseUrl()));
		}
		return this.client;
	}

	@Override
	synchronized KVNamespace namespace() {
		if (this.namespace == null) {
			this.namespace = client().namespace(client().createNamespace("repositories").id());
		}
		return this.namespace;
	}

	@Override
	synchronized KVNamespace otherNamespace() {
		if (this.other == null) {
			this.other = client().namespace(client().createNamespace("other").id());
		}
		return this.other;
	}

	@Override
	KVEmulatorClock clock() {
		return clock;
	}

	private long requests(Runnable query) {
		kv.emulator().resetStats();
		query.run();
		return kv.emulator().stats().requests("acct");
	}

	@Test
	void countsAndExistenceOnIndexedPropertiesReadNoValues() {
		long count = requests(() -> assertThat(this.repository.countByCity("Lisbon")).isEqualTo(200));
		long exists = requests(() -> assertThat(this.repository.existsByEmail("user3@example.com")).isTrue());
		long total = requests(() -> assertThat(this.repository.count()).isEqualTo(People.COUNT));

		System.out.printf("requests: countByCity=%d existsByEmail=%d count=%d%n", count, exists, total);
		assertThat(count).as("two list pages for 1,200 keys, no value read").isEqualTo(2);
		assertThat(exists).as("the first list page answers").isEqualTo(1);
		assertThat(total).isEqualTo(2);
	}

	@Test
	void findsOnIndexedPropertiesReadOnlyTheMatchesValuesInBulk() {
		long find = requests(() -> assertThat(this.repository.findByCity("Oslo")).hasSize(200));
		long one = requests(() -> assertThat(this.repository.findByEmail("user42@example.com")).hasSize(1));

		System.out.printf("requests: findByCity(200 matches)=%d findByEmail(1 match)=%d%n", find, one);
		assertThat(find).as("2 lists + 200 values in 2 bulk reads").isEqualTo(4);
		assertThat(one).as("2 lists + 1 bulk read").isEqualTo(3);
	}

	@Test
	void criteriaOnOtherPropertiesReadCandidatesInBulkOfAHundred() {
		long all = requests(() -> assertThat(this.repository.countByFirstname("Ken")).isEqualTo(120));
		long narrowed = requests(() -> assertThat(this.repository.findByCityAndFirstname("Kyoto", "Linus")).hasSize(40));

		System.out.printf("requests: countByFirstname(1,200 candidates)=%d findByCityAndFirstname(200 candidates)=%d%n",
				all, narrowed);
		assertThat(all).as("2 lists + 1,200 candidates in 12 bulk reads").isEqualTo(2 + 12);
		assertThat(narrowed).as("the indexed city narrows to 200 candidates: 2 lists + 2 bulk reads").isEqualTo(2 + 2);
	}

	@Test
	void unsortedWindowsStopListingWhenFullAndResumeFromTheListCursorOfTheirLastRow() {
		List<Window<Person>> windows = new ArrayList<>();
		long first = requests(() -> windows.add(this.repository.findAllBy(ScrollPosition.keyset(), Limit.of(600))));
		long second = requests(
				() -> windows.add(this.repository.findAllBy(windows.get(0).positionAt(599), Limit.of(500))));
		KeysetScrollPosition resume = (KeysetScrollPosition) windows.get(1).positionAt(499);
		long third = requests(() -> windows.add(this.repository.findAllBy(resume, Limit.of(500))));

		System.out.printf("requests: window 0-599=%d window 600-1099=%d window 1100-1199 (from cursor)=%d%n", first,
				second, third);
		assertThat(first).as("the first list page holds the window: 1 list + 6 bulk reads").isEqualTo(1 + 6);
		assertThat(second).as("row 599 is on the first page: 2 lists + 5 bulk reads").isEqualTo(2 + 5);
		assertThat(resume.getKeys()).containsKeys("id", "kv:cursor");
		assertThat(third).as("lists only the second page, from the cursor: 1 list + 1 bulk read").isEqualTo(1 + 1);
		assertThat(windows.get(2).getContent()).extracting(Person::getId).startsWith("p1100").endsWith("p1199");
		assertThat(windows.get(2).hasNext()).isFalse();
	}

	@Test
	void deleteAllListsAndBulkDeletesOnePageAtATime() {
		List<Note> many = new ArrayList<>();
		for (int i = 0; i < 1050; i++) {
			many.add(new Note(String.format("n%04d", i), "owner", "text"));
		}
		this.notes.saveAll(many);

		long deleteAll = requests(() -> this.notes.deleteAll());

		System.out.printf("requests: deleteAll(1,050 entities)=%d%n", deleteAll);
		assertThat(deleteAll).as("2 list pages, each deleted with one bulk delete").isEqualTo(2 + 2);
		assertThat(this.notes.count()).isZero();
	}

}
