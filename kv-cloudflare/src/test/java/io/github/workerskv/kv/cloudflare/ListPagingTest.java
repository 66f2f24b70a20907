package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListResult;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListPagingTest {

	@Test
	void limitsOfTenOrMoreAreSentAsGiven() {
		assertThat(ListPaging.requestLimit(10)).isEqualTo(10);
		assertThat(ListPaging.requestLimit(1000)).isEqualTo(1000);
		assertThat(ListPaging.requestLimit(1)).isEqualTo(10);
		assertThat(ListPaging.requestLimit(9)).isEqualTo(10);
	}

	@Test
	void serverCursorsPassThrough() {
		assertThat(ListPaging.parse("c2VydmVyLWN1cnNvcg==")).isEqualTo(new ListPaging.Position("c2VydmVyLWN1cnNvcg==", null));
		assertThat(ListPaging.parse(null)).isEqualTo(new ListPaging.Position(null, null));
		ListResult page = ListPaging.page(ListPaging.parse(null), keys("a", "b"), "next", 10);
		assertThat(page.cursor()).isEqualTo("next");
		assertThat(page.listComplete()).isFalse();
	}

	@Test
	void anEmptyPageWithACursorIsNotTheEnd() {
		ListResult page = ListPaging.page(ListPaging.parse("c1"), List.of(), "c2", 10);
		assertThat(page.keys()).isEmpty();
		assertThat(page.listComplete()).isFalse();
		assertThat(page.cursor()).isEqualTo("c2");
	}

	@Test
	void anEmptyOrMissingCursorIsTheEnd() {
		assertThat(ListPaging.page(ListPaging.parse(null), keys("a"), "", 10).listComplete()).isTrue();
		assertThat(ListPaging.page(ListPaging.parse(null), keys("a"), null, 10).listComplete()).isTrue();
	}

	@Test
	void ownCursorsRoundTripAnyKey() {
		String cursor = ListPaging.encode("server/cursor+=", "ключ 😀.x");
		assertThat(cursor).startsWith(ListPaging.PREFIX);
		assertThat(ListPaging.parse(cursor)).isEqualTo(new ListPaging.Position("server/cursor+=", "ключ 😀.x"));
		assertThat(ListPaging.parse(ListPaging.encode(null, "k"))).isEqualTo(new ListPaging.Position(null, "k"));
	}

	@Test
	void damagedOwnCursorsAreRefused() {
		assertThatExceptionOfType(InvalidListOptionsException.class).isThrownBy(() -> ListPaging.parse("wkv1.abc"))
			.withMessageContaining("Pass the cursor of the previous ListResult unchanged");
		assertThatExceptionOfType(InvalidListOptionsException.class).isThrownBy(() -> ListPaging.parse("wkv1.a.!!"));
	}

	@Test
	void smallPagesKeepTheirPlaceInTheServerPage() {
		SimulatedServer server = new SimulatedServer("k00", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08",
				"k09", "k10", "k11");
		assertThat(server.listAll(3, () -> {
		})).containsExactlyElementsOf(server.keys);
	}

	@Test
	void keysAddedOrRemovedBetweenPagesDoNotShiftTheCursor() {
		SimulatedServer server = new SimulatedServer("b", "d", "f", "h", "j", "l", "n", "p", "r", "t", "v", "x");
		List<String> seen = new ArrayList<>();
		ListPaging.Position position = ListPaging.parse(null);
		ListResult first = server.page(position, 2);
		first.keys().forEach((key) -> seen.add(key.name()));
		assertThat(seen).containsExactly("b", "d");
		server.keys.add("a");
		server.keys.add("c");
		server.keys.add("e");
		server.keys.remove("f");
		ListResult second = server.page(ListPaging.parse(first.cursor()), 2);
		second.keys().forEach((key) -> seen.add(key.name()));
		assertThat(seen).containsExactly("b", "d", "e", "h");
	}

	@Property(tries = 200)
	void everyKeyIsListedOnceWhateverTheLimit(@ForAll @IntRange(min = 1, max = 25) int limit,
			@ForAll @IntRange(min = 0, max = 60) int count) {
		String[] names = new String[count];
		for (int i = 0; i < count; i++) {
			names[i] = "key-" + (char) ('a' + i % 26) + i;
		}
		SimulatedServer server = new SimulatedServer(names);
		assertThat(server.listAll(limit, () -> {
		})).containsExactlyElementsOf(server.keys);
	}

	@Test
	void manyInsertionsBeforeTheOwnCursorStillSkipNothing() {
		SimulatedServer server = new SimulatedServer("m1", "m2", "m3", "m4", "m5");
		ListResult first = server.page(ListPaging.parse(null), 3);
		assertThat(first.keys()).extracting(KVKey::name).containsExactly("m1", "m2", "m3");
		for (int i = 0; i < 25; i++) {
			server.keys.add("m2-" + (char) ('a' + i));
		}
		List<String> rest = new ArrayList<>();
		ListResult page = first;
		for (int i = 0; i < 50 && !page.listComplete(); i++) {
			page = server.page(ListPaging.parse(page.cursor()), 3);
			page.keys().forEach((key) -> rest.add(key.name()));
		}
		assertThat(page.listComplete()).isTrue();
		assertThat(rest).containsExactly("m4", "m5");
	}

	private static List<KVKey> keys(String... names) {
		return Arrays.stream(names).map((name) -> new KVKey(name, null, null)).toList();
	}

	/** A REST API in miniature: pages of at least 10 keys in UTF-8 order, start-after cursors, "" at the end. */
	private static final class SimulatedServer {

		private final TreeSet<String> keys = new TreeSet<>((a, b) -> Arrays.compareUnsigned(
				a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

		SimulatedServer(String... names) {
			this.keys.addAll(List.of(names));
		}

		ListResult page(ListPaging.Position position, int limit) {
			int requested = ListPaging.requestLimit(limit);
			if (requested < 10) {
				throw new IllegalStateException("the REST API refuses limit " + requested);
			}
			String after = (position.serverCursor() != null)
					? new String(Base64.getDecoder().decode(position.serverCursor()), StandardCharsets.UTF_8) : null;
			List<String> page = new ArrayList<>();
			for (String key : (after != null) ? this.keys.tailSet(after, false) : this.keys) {
				if (page.size() == requested) {
					break;
				}
				page.add(key);
			}
			boolean more = !page.isEmpty() && this.keys.higher(page.get(page.size() - 1)) != null;
			@Nullable String cursor = more ? Base64.getEncoder()
				.encodeToString(page.get(page.size() - 1).getBytes(StandardCharsets.UTF_8)) : "";
			ListResult result = ListPaging.page(position, keys(page.toArray(String[]::new)), cursor, limit);
			assertThat(result.keys()).hasSizeLessThanOrEqualTo(limit);
			return result;
		}

		List<String> listAll(int limit, Runnable betweenPages) {
			List<String> all = new ArrayList<>();
			ListPaging.Position position = ListPaging.parse(null);
			for (int i = 0; i < 1000; i++) {
				ListResult result = page(position, limit);
				result.keys().forEach((key) -> all.add(key.name()));
				if (result.listComplete()) {
					return all;
				}
				position = ListPaging.parse(result.cursor());
				betweenPages.run();
			}
			throw new IllegalStateException("listing did not end");
		}

	}

}
