package io.github.workerskv.kv.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few account endpoints real clients call besides KV: wrangler asks {@code /memberships} for
 * the account when {@code CLOUDFLARE_ACCOUNT_ID} is not set, and after an error with code 10000 it
 * runs {@code /user/tokens/verify}, {@code /user}, {@code /accounts} and {@code /memberships} to
 * explain the failure. Every configured account id is listed; with none configured, one account
 * with the id {@value #DEFAULT_ACCOUNT_ID} is.
 */
final class AccountEndpoints {

	/** The account listed when no account id is configured (any id is accepted then). */
	static final String DEFAULT_ACCOUNT_ID = "00000000000000000000000000000000";

	private final List<String> accountIds;

	private final Authenticator authenticator;

	AccountEndpoints(Set<String> accountIds, Authenticator authenticator) {
		this.accountIds = accountIds.isEmpty() ? List.of(DEFAULT_ACCOUNT_ID) : accountIds.stream().sorted().toList();
		this.authenticator = authenticator;
	}

	Reply memberships(Exchange exchange) {
		List<Map<String, Object>> memberships = new ArrayList<>();
		for (String id : this.accountIds) {
			Map<String, Object> membership = new LinkedHashMap<>();
			membership.put("id", id);
			membership.put("status", "accepted");
			membership.put("account", account(id));
			membership.put("roles", List.of("Administrator"));
			memberships.add(membership);
		}
		return page(exchange, memberships);
	}

	Reply accounts(Exchange exchange) {
		return page(exchange, this.accountIds.stream().map(AccountEndpoints::account).toList());
	}

	Reply user() {
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("id", "00000000000000000000000000000001");
		user.put("email", "kv-emulator@localhost");
		user.put("first_name", "KV");
		user.put("last_name", "Emulator");
		return Reply.ok(user);
	}

	Reply verifyToken(Exchange exchange) {
		if (!this.authenticator.isValidBearer(exchange.header("Authorization"))) {
			throw new ApiException(401, ErrorCodes.INVALID_API_TOKEN, "Invalid API Token");
		}
		return Reply.ok(Map.of("id", "00000000000000000000000000000002", "status", "active"));
	}

	private static Map<String, Object> account(String id) {
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("id", id);
		account.put("name", "KV emulator account " + id);
		account.put("type", "standard");
		account.put("settings", Map.of());
		return account;
	}

	private static Reply page(Exchange exchange, List<?> all) {
		String page = exchange.query("page");
		boolean first = page == null || page.isEmpty() || page.trim().equals("1");
		List<?> result = first ? all : List.of();
		return Reply.ok(result, new Wire.PageInfo((first || page == null) ? 1 : parsePage(page), Math.max(20, all.size()), result.size(),
				all.size(), 1));
	}

	private static int parsePage(String page) {
		try {
			return Math.max(1, Integer.parseInt(page.trim()));
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("Invalid page '" + page + "': expected an integer from 1.");
		}
	}

}
