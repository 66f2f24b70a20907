package io.github.workerskv.kv.spring.data;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVAuditing;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVRepositories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.core.event.KeyValueEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One repository suite, run by a subclass per backend: the embedded store, and the REST client against the
 * emulator over HTTP. 1,200 people are saved once per class; other entities are cleared before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KVRepositoryContractTests {

	static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Comparator<Person> BY_ID = Comparator.comparing(Person::getId);

	final List<Person> people = People.all();

	AnnotationConfigApplicationContext context;

	PersonRepository repository;

	NoteRepository notes;

	DocumentRepository documents;

	SessionRepository sessions;

	TokenRepository tokens;

	EventLog events;

	/** @return the namespace repositories write to (embedded, or REST over HTTP) */
	abstract KVNamespace namespace();

	/** @return another namespace, to prove that the binding chooses */
	abstract KVNamespace otherNamespace();

	/** @return the clock of the backend and of the repositories */
	abstract KVEmulatorClock clock();

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(binding = "PEOPLE")
	@EnableKVAuditing(dateTimeProviderRef = "testDateTime")
	static class Config {

	}

	@BeforeAll
	void startRepositories() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean("PEOPLE", KVNamespace.class, this::namespace);
		this.context.registerBean("OTHER", KVNamespace.class, this::otherNamespace);
		this.context.registerBean(KVRepositoryOptions.class, () -> KVRepositoryOptions.defaults()
			.withClock(clock())
			.withTimeToLive("tokens", Duration.ofSeconds(90)));
		this.context.registerBean("testDateTime", DateTimeProvider.class, () -> () -> Optional.of(clock().instant()));
		this.context.registerBean(EventLog.class);
		this.context.register(Config.class);
		this.context.refresh();
		this.repository = this.context.getBean(PersonRepository.class);
		this.notes = this.context.getBean(NoteRepository.class);
		this.documents = this.context.getBean(DocumentRepository.class);
		this.sessions = this.context.getBean(SessionRepository.class);
		this.tokens = this.context.getBean(TokenRepository.class);
		this.events = this.context.getBean(EventLog.class);
		this.repository.saveAll(this.people);
	}

	@AfterAll
	void closeRepositories() {
		this.context.close();
	}

	@BeforeEach
	void clearOtherEntities() {
		this.notes.deleteAll();
		this.documents.deleteAll();
		this.sessions.deleteAll();
		this.tokens.deleteAll();
		this.events.clear();
	}

	List<Person> where(Predicate<Person> test) {
		return this.people.stream().filter(test).sorted(BY_ID).toList();
	}

	// ---- CRUD and layout ----------------------------------------------------------------------

	@Test
	void savedEntitiesAreFoundByIdCountedAndListed() {
		assertThat(this.repository.count()).isEqualTo(People.COUNT);
		assertThat(this.repository.findById("p0007")).contains(this.people.get(7));
		assertThat(this.repository.existsById("p0007")).isTrue();
		assertThat(this.repository.findById("nobody")).isEmpty();
		assertThat(this.repository.existsById("nobody")).isFalse();
		assertThat(this.repository.findAll()).hasSize(People.COUNT).isSortedAccordingTo(BY_ID);
	}

	@Test
	void findAllByIdReadsInBulkAndLeavesOutMissingIds() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			ids.add(String.format("p%04d", i * 4));
		}
		ids.add("nobody");

		List<Person> found = this.repository.findAllById(ids);

		assertThat(found).hasSize(250).extracting(Person::getId).containsExactlyElementsOf(ids.subList(0, 250));
	}

	@Test
	void aSavedEntityIsPlainJsonAWorkerCanReadWithIndexedValuesInTheMetadata() {
		ValueWithMetadata<String> stored = namespace().getWithMetadata("people:p0003");

		JsonNode value = JSON.readTree(stored.value());
		assertThat(value.propertyNames()).containsExactlyInAnyOrder("id", "email", "age", "city", "firstname",
				"lastname", "address");
		assertThat(value.get("email").asString()).isEqualTo("user3@example.com");
		assertThat(value.get("address").get("street").asString()).isEqualTo("Street p0003");
		assertThat(JSON.writeValueAsString(stored.metadata()))
			.isEqualTo("{\"idx\":{\"email\":\"user3@example.com\",\"age\":39,\"city\":\"Kyoto\"}}");
	}

	@Test
	void updatesReplaceTheValueAndTheIndexes() {
		Note note = this.notes.save(new Note("n1", "ada", "first"));
		note.setOwner("grace");
		note.setText("second");
		this.notes.save(note);

		assertThat(this.notes.findById("n1")).get().extracting(Note::getText).isEqualTo("second");
		assertThat(this.notes.findByOwner("ada")).isEmpty();
		assertThat(this.notes.findByOwner("grace")).extracting(Note::getId).containsExactly("n1");
		assertThat(this.notes.count()).isEqualTo(1);
	}

	@Test
	void deleteRemovesTheKeyAndDeleteAllEmptiesAKeyspaceOfMoreThanOnePage() {
		List<Note> many = new ArrayList<>();
		for (int i = 0; i < 1050; i++) {
			many.add(new Note(String.format("n%04d", i), "owner" + (i % 3), "text"));
		}
		this.notes.saveAll(many);
		this.notes.deleteById("n0001");

		assertThat(namespace().get("notes:n0001")).isNull();
		assertThat(this.notes.count()).isEqualTo(1049);

		this.notes.deleteAll();

		assertThat(this.notes.count()).isZero();
		assertThat(namespace().list(ListOptions.defaults().withPrefix("notes:")).keys()).isEmpty();
		assertThat(this.repository.count()).isEqualTo(People.COUNT);
	}

	@Test
	void anIdThatMakesTheKeyLongerThan512BytesIsRefusedNamingEntityAndId() {
		String id = "x".repeat(510);

		assertThatExceptionOfType(InvalidEntityKeyException.class).isThrownBy(() -> this.notes.save(new Note(id, "o", "t")))
			.withMessageContaining(Note.class.getName())
			.withMessageContaining("xxxxxxxx")
			.withMessageContaining("516 UTF-8 bytes")
			.withMessageContaining("at most 512");
		assertThat(this.notes.count()).isZero();
	}

	@Test
	void indexedValuesBeyondTheMetadataLimitAreRefusedNamingEntityAndProperty() {
		Note note = new Note("big", "o".repeat(1100), "t");

		assertThatExceptionOfType(IndexMetadataTooLargeException.class).isThrownBy(() -> this.notes.save(note))
			.withMessageContaining(Note.class.getName())
			.withMessageContaining("'big'")
			.withMessageContaining("@Indexed property 'owner'")
			.withMessageContaining("KV allows 1024");
		assertThat(namespace().get("notes:big")).isNull();
	}

	@Test
	void kvLimitsBrokenByAValueSurfaceAsSpringDataAccessExceptions() {
		Note huge = new Note("huge", "o", "x".repeat(26 * 1024 * 1024));

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.notes.save(huge))
			.withMessageContaining("exceeds limit of 26214400")
			.withCauseInstanceOf(ValueTooLargeException.class);
		assertThat(namespace().get("notes:huge")).isNull();
	}

	@Test
	void candidatesWhoseValuesExceedOneBulkReadAreReadInSmallerBatches() {
		String megabyte = "y".repeat(1024 * 1024);
		List<Note> large = new ArrayList<>();
		for (int i = 0; i < 26; i++) {
			large.add(new Note(String.format("large%02d", i), "o", i + megabyte));
		}
		this.notes.saveAll(large);

		assertThat(this.notes.findByTextStartingWith("2")).extracting(Note::getId)
			.containsExactly("large02", "large20", "large21", "large22", "large23", "large24", "large25");
	}

	@Test
	void theBindingChoosesTheNamespace() {
		assertThat(otherNamespace().list().keys()).isEmpty();
		assertThat(namespace().list().keys()).isNotEmpty();
	}

	// ---- derived queries ----------------------------------------------------------------------

	@Test
	void derivedQueriesOnIndexedProperties() {
		assertThat(this.repository.findByEmail("user42@example.com")).containsExactly(this.people.get(42));
		assertThat(this.repository.countByCity("Lisbon")).isEqualTo(where((p) -> p.getCity().equals("Lisbon")).size());
		assertThat(this.repository.existsByEmail("user1199@example.com")).isTrue();
		assertThat(this.repository.existsByEmail("nobody@example.com")).isFalse();
		assertThat(this.repository.findByCity("Oslo")).containsExactlyElementsOf(where((p) -> p.getCity().equals("Oslo")));
		assertThat(this.repository.findByAgeBetween(30, 32))
			.containsExactlyElementsOf(where((p) -> p.getAge() >= 30 && p.getAge() <= 32));
		assertThat(this.repository.findByCityIn(List.of("Quito", "Lima")))
			.containsExactlyElementsOf(where((p) -> Set.of("Quito", "Lima").contains(p.getCity())));
	}

	@Test
	void derivedQueriesOnPropertiesThatAreNotIndexed() {
		assertThat(this.repository.findByFirstname("Grace"))
			.containsExactlyElementsOf(where((p) -> p.getFirstname().equals("Grace")));
		assertThat(this.repository.countByFirstname("Ken")).isEqualTo(where((p) -> p.getFirstname().equals("Ken")).size());
		assertThat(this.repository.findByCityAndFirstname("Kyoto", "Linus"))
			.containsExactlyElementsOf(where((p) -> p.getCity().equals("Kyoto") && p.getFirstname().equals("Linus")))
			.isNotEmpty();
		assertThat(this.repository.findByFirstnameOrEmail("Tim", "user0@example.com"))
			.containsExactlyElementsOf(where((p) -> p.getFirstname().equals("Tim") || p.getId().equals("p0000")));
		assertThat(this.repository.findByLastnameStartingWithIgnoreCase("LASTNAME1"))
			.containsExactlyElementsOf(where((p) -> p.getLastname().startsWith("Lastname1")));
		assertThat(this.repository.findByAddressStreet("Street p0100")).containsExactly(this.people.get(100));
	}

	@Test
	void limitingQueriesAndStreams() {
		assertThat(this.repository.findTop3ByOrderByAgeDescEmailAsc()).containsExactlyElementsOf(this.people.stream()
			.sorted(Comparator.comparing(Person::getAge).reversed().thenComparing(Person::getEmail))
			.limit(3)
			.toList());
		assertThat(this.repository.findByCity("Accra", Limit.of(5)))
			.containsExactlyElementsOf(where((p) -> p.getCity().equals("Accra")).subList(0, 5));
		try (var stream = this.repository.streamByCity("Lima")) {
			assertThat(stream.map(Person::getId)).containsExactlyElementsOf(
					where((p) -> p.getCity().equals("Lima")).stream().map(Person::getId).toList());
		}
	}

	@Test
	void resultsProjectToInterfacesStaticallyAndDynamically() {
		assertThat(this.repository.findSummaryByCity("Lima")).extracting(PersonRepository.PersonSummary::getEmail)
			.containsExactlyElementsOf(where((p) -> p.getCity().equals("Lima")).stream().map(Person::getEmail).toList());
		List<PersonRepository.PersonSummary> oldest = this.repository.findByAgeGreaterThan(76,
				Sort.by(Sort.Direction.DESC, "email"), PersonRepository.PersonSummary.class);
		assertThat(oldest).extracting(PersonRepository.PersonSummary::getAge).containsOnly(77);
		assertThat(oldest).extracting(PersonRepository.PersonSummary::getEmail)
			.isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void inMatchesNullWhenTheCollectionHoldsNull() {
		this.notes.saveAll(List.of(new Note("a", "ada", "1"), new Note("b", null, "2"), new Note("c", "tim", "3")));

		assertThat(this.notes.findByOwnerIn(java.util.Arrays.asList("ada", null))).extracting(Note::getId)
			.containsExactly("a", "b");
		assertThat(this.notes.findByOwnerIn(List.of("tim"))).extracting(Note::getId).containsExactly("c");
	}

	@Test
	void deleteByDeletesEveryMatchAndCountsThem() {
		this.notes.saveAll(List.of(new Note("a", "ada", "1"), new Note("b", "ada", "2"), new Note("c", "tim", "3")));

		assertThat(this.notes.deleteByOwner("ada")).isEqualTo(2);
		assertThat(this.notes.findAll()).extracting(Note::getId).containsExactly("c");
	}

	// ---- sorting, paging, scrolling -----------------------------------------------------------

	@Test
	void sortsOnIndexedAndOnOtherPropertiesWithTheKeyBreakingTies() {
		assertThat(this.repository.findAll(Sort.by("age").and(Sort.by(Sort.Direction.DESC, "email"))))
			.containsExactlyElementsOf(this.people.stream()
				.sorted(Comparator.comparing(Person::getAge)
					.thenComparing(Comparator.comparing(Person::getEmail).reversed()))
				.toList());
		assertThat(this.repository.findAll(Sort.by(Sort.Direction.DESC, "firstname")))
			.containsExactlyElementsOf(this.people.stream()
				.sorted(Comparator.comparing(Person::getFirstname).reversed().thenComparing(BY_ID))
				.toList());
		assertThat(this.repository.findByAgeGreaterThan(70, Sort.by("city").ascending()))
			.containsExactlyElementsOf(this.people.stream()
				.filter((p) -> p.getAge() > 70)
				.sorted(Comparator.comparing(Person::getCity).thenComparing(BY_ID))
				.toList());
	}

	@Test
	void pagesCoverEveryEntityOnceWithTheirTotal() {
		List<Person> seen = new ArrayList<>();
		Page<Person> page = this.repository.findAll(PageRequest.of(0, 100));
		while (true) {
			assertThat(page.getTotalElements()).isEqualTo(People.COUNT);
			seen.addAll(page.getContent());
			if (!page.hasNext()) {
				break;
			}
			page = this.repository.findAll(page.nextPageable());
		}
		assertThat(page.getTotalPages()).isEqualTo(12);
		assertThat(seen).containsExactlyElementsOf(where((p) -> true));
	}

	@Test
	void derivedPagesAndSlicesWithSorting() {
		List<Person> lisbon = this.people.stream()
			.filter((p) -> p.getCity().equals("Lisbon"))
			.sorted(Comparator.comparing(Person::getAge).thenComparing(BY_ID))
			.toList();
		Page<Person> page = this.repository.findByCity("Lisbon", PageRequest.of(2, 30, Sort.by("age")));

		assertThat(page.getContent()).containsExactlyElementsOf(lisbon.subList(60, 90));
		assertThat(page.getTotalElements()).isEqualTo(lisbon.size());

		List<Person> young = where((p) -> p.getAge() < 40);
		Slice<Person> first = this.repository.findByAgeLessThan(40, PageRequest.of(0, 300));
		Slice<Person> last = this.repository.findByAgeLessThan(40, PageRequest.of(young.size() / 300, 300));
		assertThat(first.getContent()).containsExactlyElementsOf(young.subList(0, 300));
		assertThat(first.hasNext()).isTrue();
		assertThat(last.getContent()).containsExactlyElementsOf(young.subList((young.size() / 300) * 300, young.size()));
		assertThat(last.hasNext()).isFalse();
	}

	@Test
	void keysetScrollingInKeyOrderFollowsTheListCursors() {
		List<Person> seen = new ArrayList<>();
		Window<Person> window = this.repository.findFirst250By(ScrollPosition.keyset());
		int windows = 1;
		while (true) {
			seen.addAll(window.getContent());
			if (!window.hasNext()) {
				break;
			}
			window = this.repository.findFirst250By(window.positionAt(window.size() - 1));
			windows++;
		}
		assertThat(windows).isEqualTo(5);
		assertThat(seen).containsExactlyElementsOf(where((p) -> true));
	}

	/** The README's paging loop, as it is written there. */
	@Test
	void keysetWindowsOfAnIndexedQueryCoverEveryMatchOnce() {
		List<Person> seen = new ArrayList<>();
		int windows = 0;
		Window<Person> window = this.repository.findFirst100ByCity("Lisbon", ScrollPosition.keyset());
		while (!window.isEmpty()) {
			windows++;
			window.forEach(seen::add);
			if (!window.hasNext()) {
				break;
			}
			window = this.repository.findFirst100ByCity("Lisbon", window.positionAt(window.size() - 1));
		}
		assertThat(windows).isEqualTo(2);
		assertThat(seen).containsExactlyElementsOf(where((p) -> p.getCity().equals("Lisbon")));
	}

	@Test
	void keysetScrollingOnASortForwardAndBackward() {
		List<Person> expected = this.people.stream()
			.filter((p) -> p.getCity().equals("Quito"))
			.sorted(Comparator.comparing(Person::getAge).thenComparing(BY_ID))
			.toList();
		List<Person> seen = new ArrayList<>();
		List<Window<Person>> windows = new ArrayList<>();
		Window<Person> window = this.repository.findByCityOrderByAgeAsc("Quito", ScrollPosition.keyset(), Limit.of(30));
		while (true) {
			windows.add(window);
			seen.addAll(window.getContent());
			if (!window.hasNext()) {
				break;
			}
			window = this.repository.findByCityOrderByAgeAsc("Quito", window.positionAt(window.size() - 1), Limit.of(30));
		}
		assertThat(seen).containsExactlyElementsOf(expected);

		KeysetScrollPosition lastStart = (KeysetScrollPosition) windows.get(windows.size() - 1).positionAt(0);
		Window<Person> before = this.repository.findByCityOrderByAgeAsc("Quito", lastStart.backward(), Limit.of(30));
		assertThat(before.getContent()).containsExactlyElementsOf(windows.get(windows.size() - 2).getContent());
		assertThat(before.hasNext()).isEqualTo(windows.size() > 2);
	}

	@Test
	void offsetScrollingOnACriterionThatReadsValues() {
		List<Person> expected = where((p) -> p.getFirstname().equals("Alan"));
		List<Person> seen = new ArrayList<>();
		Window<Person> window = this.repository.findByFirstname("Alan", ScrollPosition.offset(), Limit.of(25));
		while (true) {
			seen.addAll(window.getContent());
			if (!window.hasNext()) {
				break;
			}
			window = this.repository.findByFirstname("Alan", window.positionAt(window.size() - 1), Limit.of(25));
		}
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	// ---- time to live -------------------------------------------------------------------------

	@Test
	void anEntityExpiresAtItsTimeToLiveEvenBelowKVsMinimum() {
		this.sessions.save(new Session("s1", "ada", 10L));
		this.sessions.save(new Session("s2", "ada", 3600L));
		this.sessions.save(new Session("s3", "ada", null));

		clock().advance(Duration.ofSeconds(9));
		assertThat(this.sessions.findById("s1")).isPresent();
		assertThat(this.sessions.countByUser("ada")).isEqualTo(3);

		clock().advance(Duration.ofSeconds(1));
		assertThat(this.sessions.findById("s1")).isEmpty();
		assertThat(this.sessions.existsById("s1")).isFalse();
		assertThat(this.sessions.findAllById(List.of("s1", "s2"))).extracting(Session::getId).containsExactly("s2");
		assertThat(this.sessions.count()).isEqualTo(2);
		assertThat(this.sessions.countByUser("ada")).isEqualTo(2);
		assertThat(this.sessions.findByUser("ada")).extracting(Session::getId).containsExactly("s2", "s3");
		assertThat(namespace().get("sessions:s1")).as("KV keeps the key until its own 60 s minimum").isNotNull();

		clock().advance(Duration.ofSeconds(50));
		assertThat(namespace().get("sessions:s1")).as("KV expired the key itself").isNull();
		assertThat(this.sessions.findById("s2")).isPresent();
	}

	@Test
	void theKVExpirationIsTheTimeToLiveRoundedUpAndNeverBelow60Seconds() {
		this.sessions.save(new Session("short", "u", 10L));
		this.sessions.save(new Session("long", "u", 3600L));
		long now = clock().instant().getEpochSecond();

		ValueWithMetadata<String> shortOne = namespace().getWithMetadata("sessions:short");
		ValueWithMetadata<String> longOne = namespace().getWithMetadata("sessions:long");

		assertThat(shortOne.expiration()).isEqualTo(now + 60);
		assertThat(shortOne.metadata().get("exp").longValue()).isEqualTo(clock().millis() + 10_000);
		assertThat(longOne.expiration()).isEqualTo(now + 3600);
		assertThat(JSON.readTree(shortOne.value()).get("ttl").longValue()).isEqualTo(10);
	}

	@Test
	void aTimeToLiveMethodOrElseTheKeyspaceDefault() {
		this.tokens.save(new Token("own", Duration.ofMinutes(5)));
		this.tokens.save(new Token("default", null));
		long now = clock().instant().getEpochSecond();

		assertThat(namespace().getWithMetadata("tokens:own").expiration()).isEqualTo(now + 300);
		assertThat(namespace().getWithMetadata("tokens:default").expiration()).isEqualTo(now + 90);

		clock().advance(Duration.ofSeconds(91));
		assertThat(this.tokens.findById("default")).isEmpty();
		assertThat(this.tokens.findById("own")).isPresent();
	}

	// ---- versions, auditing, events -----------------------------------------------------------

	@Test
	void versionsAreCheckedByReadingBeforeWriting() {
		Document saved = this.documents.save(new Document("d1", "v0"));
		assertThat(saved.getVersion()).isZero();
		Document mine = this.documents.findById("d1").orElseThrow();
		Document theirs = this.documents.findById("d1").orElseThrow();

		theirs.setBody("theirs");
		assertThat(this.documents.save(theirs).getVersion()).isEqualTo(1);
		mine.setBody("mine");

		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.documents.save(mine))
			.withMessageContaining("KV holds version 1, this copy has version 0")
			.withMessageContaining("no compare-and-set");
		assertThat(this.documents.findById("d1")).get().extracting(Document::getBody).isEqualTo("theirs");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.documents.save(new Document("d1", "again")));

		this.documents.deleteById("d1");
		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.documents.save(theirs))
			.withMessageContaining("no longer in KV");
	}

	@Test
	void auditingSetsCreationOnceAndModificationOnEveryWrite() {
		Instant created = clock().instant();
		Note note = this.notes.save(new Note("audited", "o", "first"));
		assertThat(note.getCreated()).isEqualTo(created);
		assertThat(note.getModified()).isEqualTo(created);

		clock().advance(Duration.ofSeconds(5));
		Note loaded = this.notes.findById("audited").orElseThrow();
		loaded.setText("second");
		this.notes.save(loaded);

		Note stored = this.notes.findById("audited").orElseThrow();
		assertThat(stored.getCreated()).isEqualTo(created);
		assertThat(stored.getModified()).isEqualTo(created.plus(5, ChronoUnit.SECONDS));

		Document document = this.documents.save(new Document("audited", "x"));
		assertThat(document.getCreated()).isEqualTo(clock().instant());
	}

	@Test
	void repositoryOperationsPublishKeyValueEvents() {
		Note note = this.notes.save(new Note("e1", "o", "t"));
		this.notes.findById("e1");
		this.notes.delete(note);

		assertThat(this.events.events()).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("BeforeUpdateEvent", "AfterUpdateEvent", "BeforeGetEvent", "AfterGetEvent",
					"BeforeDeleteEvent", "AfterDeleteEvent");
		assertThat(this.events.events()).allSatisfy((event) -> assertThat(event.getKeyspace()).isEqualTo("notes"));
		KeyValueEvent.AfterDeleteEvent<?> deleted = (KeyValueEvent.AfterDeleteEvent<?>) this.events.events().get(5);
		assertThat(((Note) deleted.getPayload()).getText()).isEqualTo("t");
	}

	// ---- Query by Example ---------------------------------------------------------------------

	@Test
	void queryByExampleOnIndexedAndOtherProperties() {
		Person probe = new Person(null, null, null, "Lisbon", "Ada", null);
		probe.setAddress(null);
		Example<Person> example = Example.of(probe);
		List<Person> expected = where((p) -> p.getCity().equals("Lisbon") && p.getFirstname().equals("Ada"));

		assertThat(this.repository.findAll(example)).containsExactlyElementsOf(expected);
		assertThat(this.repository.count(example)).isEqualTo(expected.size());
		assertThat(this.repository.exists(example)).isTrue();
		assertThat(this.repository.findAll(example, Sort.by(Sort.Direction.DESC, "age")))
			.containsExactlyElementsOf(expected.stream()
				.sorted(Comparator.comparing(Person::getAge).reversed().thenComparing(BY_ID))
				.toList());
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> this.repository.findOne(example));
	}

	@Test
	void queryByExampleWithMatchersNestedProbesAndFluentQueries() {
		Person byLastname = new Person(null, null, null, null, null, "lastname1");
		byLastname.setAddress(null);
		ExampleMatcher startsIgnoringCase = ExampleMatcher.matching()
			.withStringMatcher(ExampleMatcher.StringMatcher.STARTING)
			.withIgnoreCase();
		assertThat(this.repository.findAll(Example.of(byLastname, startsIgnoringCase)))
			.containsExactlyElementsOf(where((p) -> p.getLastname().startsWith("Lastname1")));

		Person byStreet = new Person(null, null, null, null, null, null);
		byStreet.setAddress(new Person.Address(null, "Street p0999"));
		assertThat(this.repository.findOne(Example.of(byStreet))).contains(this.people.get(999));

		Person anyOf = new Person(null, "user5@example.com", null, null, "Barbara", null);
		anyOf.setAddress(null);
		assertThat(this.repository.findAll(Example.of(anyOf, ExampleMatcher.matchingAny())))
			.containsExactlyElementsOf(where((p) -> p.getId().equals("p0005") || p.getFirstname().equals("Barbara")));

		Person inOslo = new Person(null, null, null, "Oslo", null, null);
		inOslo.setAddress(null);
		List<Person> oslo = this.people.stream()
			.filter((p) -> p.getCity().equals("Oslo"))
			.sorted(Comparator.comparing(Person::getAge).thenComparing(BY_ID))
			.toList();
		Page<Person> page = this.repository.findBy(Example.of(inOslo),
				(q) -> q.sortBy(Sort.by("age")).page(PageRequest.of(1, 10)));
		assertThat(page.getContent()).containsExactlyElementsOf(oslo.subList(10, 20));
		assertThat(page.getTotalElements()).isEqualTo(oslo.size());
		List<Person> firstThree = this.repository.findBy(Example.of(inOslo), (q) -> q.sortBy(Sort.by("age")).limit(3).all());
		assertThat(firstThree).containsExactlyElementsOf(oslo.subList(0, 3));
		assertThat(this.repository.findBy(Example.of(inOslo), (q) -> q.as(EmailOnly.class).sortBy(Sort.by("age")).firstValue())
			.getEmail()).isEqualTo(oslo.get(0).getEmail());
		Window<Person> window = this.repository.findBy(Example.of(inOslo),
				(q) -> q.sortBy(Sort.by("age")).limit(15).scroll(ScrollPosition.keyset()));
		assertThat(window.getContent()).containsExactlyElementsOf(oslo.subList(0, 15));
		long count = this.repository.findBy(Example.of(inOslo), (q) -> q.count());
		assertThat(count).isEqualTo(oslo.size());
	}

	interface EmailOnly {

		String getEmail();

	}

}
