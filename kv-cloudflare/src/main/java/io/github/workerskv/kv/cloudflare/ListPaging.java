package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListResult;
import org.jspecify.annotations.Nullable;

/**
 * Page sizes below the REST API's minimum of 10, without skipping keys.
 *
 * <p>The binding allows {@code limit} 1..1000, the REST API 10..1000. For a smaller limit the client
 * asks for 10 keys and returns the first {@code limit}; when keys of that server page are left over, the
 * cursor it hands out is its own: the server cursor the page was fetched with plus the last key returned.
 * The next call fetches that server page again and drops every key up to and including that key (keys
 * come back in UTF-8 byte order), so nothing is skipped or repeated even if keys were added or removed
 * in between. Server cursors are passed through unchanged in every other case. Own cursors start with
 * {@value #PREFIX}, which no base64 server cursor can.
 */
final class ListPaging {

	/** The REST API's smallest {@code limit}. */
	static final int MIN_REST_LIMIT = 10;

	static final String PREFIX = "wkv1.";

	private ListPaging() {
	}

	/**
	 * Where a list continues.
	 * @param serverCursor the cursor to send to the server, or {@code null} for the first server page
	 * @param startAfter drop keys up to and including this one, or {@code null} to keep all
	 */
	record Position(@Nullable String serverCursor, @Nullable String startAfter) {
	}

	/**
	 * @param cursor a cursor from a previous {@link ListResult}, or {@code null}
	 * @return where to continue
	 * @throws InvalidListOptionsException if an own cursor is damaged
	 */
	static Position parse(@Nullable String cursor) {
		if (cursor == null || !cursor.startsWith(PREFIX)) {
			return new Position(cursor, null);
		}
		String[] parts = cursor.substring(PREFIX.length()).split("\\.", -1);
		try {
			if (parts.length != 2 || parts[1].isEmpty()) {
				throw new IllegalArgumentException("expected two parts");
			}
			String server = decode(parts[0]);
			return new Position(server.isEmpty() ? null : server, decode(parts[1]));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidListOptionsException(400, "Invalid cursor '" + cursor
					+ "'. Pass the cursor of the previous ListResult unchanged, or none to start over.");
		}
	}

	/**
	 * @param limit the caller's page size, 1..1000
	 * @return the {@code limit} to send
	 */
	static int requestLimit(int limit) {
		return Math.max(MIN_REST_LIMIT, limit);
	}

	/**
	 * Builds the caller's page from one server page.
	 * @param position where the caller continued from
	 * @param fetched the server page, in UTF-8 byte order
	 * @param nextServerCursor the server's {@code result_info.cursor}; empty or {@code null} means the end
	 * @param limit the caller's page size
	 * @return the page, with a cursor that loses no key
	 */
	static ListResult page(Position position, List<KVKey> fetched, @Nullable String nextServerCursor, int limit) {
		String startAfter = position.startAfter();
		byte[] after = (startAfter != null) ? utf8(startAfter) : null;
		List<KVKey> remaining = new ArrayList<>(fetched.size());
		for (KVKey key : fetched) {
			if (after == null || Arrays.compareUnsigned(utf8(key.name()), after) > 0) {
				remaining.add(key);
			}
		}
		List<KVKey> taken = remaining.subList(0, Math.min(limit, remaining.size()));
		boolean serverDone = nextServerCursor == null || nextServerCursor.isEmpty();
		if (taken.size() < remaining.size()) {
			return new ListResult(taken, false, encode(position.serverCursor(), taken.get(taken.size() - 1).name()));
		}
		if (serverDone) {
			return new ListResult(taken, true, null);
		}
		if (taken.isEmpty() && startAfter != null) {
			return new ListResult(taken, false, encode(nextServerCursor, startAfter));
		}
		return new ListResult(taken, false, nextServerCursor);
	}

	static String encode(@Nullable String serverCursor, String startAfter) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return PREFIX + encoder.encodeToString(utf8((serverCursor != null) ? serverCursor : "")) + "."
				+ encoder.encodeToString(utf8(startAfter));
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
