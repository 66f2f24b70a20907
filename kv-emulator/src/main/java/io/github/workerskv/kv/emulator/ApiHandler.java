package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.ValueDecodingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves every request: injected faults first, then the route (404, 7003 when there is none),
 * authentication (code 10000 only here), the account check, the count of the account's request
 * and its request budget (429, code 971, once exceeded), and the endpoint. Every failure becomes a
 * v4 error envelope; stack traces go to the log, never into a response.
 */
final class ApiHandler extends Handler.Abstract {

	private static final Logger logger = LoggerFactory.getLogger(ApiHandler.class);

	private final Faults faults;

	private final Authenticator authenticator;

	private final Set<String> accountIds;

	private final JsonMapper jsonMapper;

	private final AccountEndpoints accounts;

	private final NamespaceEndpoints namespaces;

	private final ValueEndpoints values;

	private final BulkEndpoints bulk;

	private final StatsCounters counters;

	private final @Nullable RequestBudgetLimiter budget;

	ApiHandler(Faults faults, Authenticator authenticator, Set<String> accountIds, StatsCounters counters,
			@Nullable RequestBudgetLimiter budget, JsonMapper jsonMapper, AccountEndpoints accounts,
			NamespaceEndpoints namespaces, ValueEndpoints values, BulkEndpoints bulk) {
		super(InvocationType.BLOCKING);
		this.faults = faults;
		this.authenticator = authenticator;
		this.accountIds = accountIds;
		this.counters = counters;
		this.budget = budget;
		this.jsonMapper = jsonMapper;
		this.accounts = accounts;
		this.namespaces = namespaces;
		this.values = values;
		this.bulk = bulk;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) {
		Exchange exchange = new Exchange(request, response, callback, this.jsonMapper);
		long started = System.nanoTime();
		int status = 200;
		try {
			if (!applyFaults(exchange)) {
				logger.debug("{} {} -> connection dropped", exchange.method(), exchange.rawPath());
				return true;
			}
			Reply reply = serve(exchange);
			exchange.send(reply);
		}
		catch (ApiException ex) {
			status = ex.status();
			sendError(exchange, ex.status(), ex.code(), String.valueOf(ex.getMessage()), ex.headers());
		}
		catch (KVValidationException ex) {
			status = ex.httpStatus();
			sendError(exchange, ex.httpStatus(), ErrorCodes.of(ex), String.valueOf(ex.getMessage()), Map.of());
		}
		catch (ValueDecodingException ex) {
			status = 400;
			sendError(exchange, 400, ErrorCodes.BAD_REQUEST, String.valueOf(ex.getMessage()), Map.of());
		}
		catch (IOException ex) {
			status = -1;
			logger.debug("{} {}: the answer could not be written, the client went away", exchange.method(),
					exchange.rawPath(), ex);
			exchange.fail(ex);
		}
		catch (RuntimeException ex) {
			status = 500;
			logger.warn("{} {} failed", exchange.method(), exchange.rawPath(), ex);
			sendError(exchange, 500, ErrorCodes.INTERNAL,
					"The KV emulator failed to serve this request (" + ex.getClass().getSimpleName()
							+ "); see its log.", Map.of());
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} {} -> {} ({} ms)", exchange.method(), exchange.rawPath(), status,
					(System.nanoTime() - started) / 1_000_000);
		}
		return true;
	}

	/** @return false if the connection was dropped and nothing more must be done */
	private boolean applyFaults(Exchange exchange) {
		Faults.Decision decision = this.faults.decide(new RequestLine(exchange.method(), exchange.rawPath()));
		sleep(decision.latency());
		Fault fault = decision.fault();
		if (fault instanceof Fault.Delay delay) {
			sleep(delay.delay());
		}
		else if (fault instanceof Fault.DropConnection) {
			exchange.drop();
			return false;
		}
		else if (fault instanceof Fault.RateLimited limited) {
			throw ApiException.throttled(limited.retryAfterSeconds());
		}
		else if (fault instanceof Fault.ServerError error) {
			throw new ApiException(error.status(), ErrorCodes.INTERNAL,
					"Internal server error (injected by the KV emulator's faults)");
		}
		return true;
	}

	private Reply serve(Exchange exchange) {
		if (exchange.rawPath().indexOf(Utf8StringBuilder.REPLACEMENT) >= 0) {
			// Jetty reads a request line's raw bytes as UTF-8 and puts U+FFFD where they are not.
			throw new ApiException(400, ErrorCodes.INVALID_KEY, "The request path is not valid UTF-8: it holds a raw"
					+ " byte that is no UTF-8 character. Percent-encode keys as UTF-8 (encodeURIComponent).");
		}
		ApiRoute route = ApiRoute.resolve(exchange.method(), exchange.rawPath());
		if (route == null) {
			throw new ApiException(404, ErrorCodes.NO_ROUTE,
					"No route for the URI: " + exchange.method() + " " + exchange.rawPath());
		}
		if (route.endpoint() != ApiRoute.Endpoint.VERIFY_TOKEN) {
			authenticate(exchange);
		}
		if (route.isAccountScoped() && !this.accountIds.isEmpty() && !this.accountIds.contains(route.account())) {
			throw new ApiException(403, ErrorCodes.ACCOUNT_FORBIDDEN,
					"Unauthorized to access requested resource: this emulator serves no account '" + route.account()
							+ "'");
		}
		if (route.isAccountScoped()) {
			this.counters.request(route.account());
			if (this.budget != null) {
				exchange.putResponseHeaders(this.budget.admit(route.account()));
			}
		}
		return switch (route.endpoint()) {
			case MEMBERSHIPS -> this.accounts.memberships(exchange);
			case USER -> this.accounts.user();
			case VERIFY_TOKEN -> this.accounts.verifyToken(exchange);
			case ACCOUNTS -> this.accounts.accounts(exchange);
			case LIST_NAMESPACES -> this.namespaces.list(exchange);
			case CREATE_NAMESPACE -> this.namespaces.create(exchange);
			case GET_NAMESPACE -> this.namespaces.get(route);
			case RENAME_NAMESPACE -> this.namespaces.rename(route, exchange);
			case DELETE_NAMESPACE -> this.namespaces.delete(route);
			case LIST_KEYS -> this.values.listKeys(route, exchange);
			case GET_VALUE -> this.values.getValue(route);
			case PUT_VALUE -> this.values.put(route, exchange);
			case DELETE_VALUE -> this.values.delete(route);
			case GET_METADATA -> this.values.getMetadata(route);
			case BULK_WRITE -> this.bulk.write(route, exchange);
			case BULK_DELETE -> this.bulk.delete(route, exchange);
			case BULK_GET -> this.bulk.get(route, exchange);
		};
	}

	private void authenticate(Exchange exchange) {
		Authenticator.Outcome outcome = this.authenticator.check(exchange.header(HttpHeader.AUTHORIZATION),
				exchange.header("X-Auth-Key"), exchange.header("X-Auth-Email"));
		if (outcome == Authenticator.Outcome.MISSING) {
			throw new ApiException(401, ErrorCodes.AUTHENTICATION, "Authentication error");
		}
		if (outcome == Authenticator.Outcome.REJECTED) {
			throw new ApiException(403, ErrorCodes.AUTHENTICATION, "Authentication error");
		}
	}

	private static void sendError(Exchange exchange, int status, int code, String message,
			Map<String, String> headers) {
		if (exchange.isCommitted()) {
			exchange.fail(new IOException("Failed after the response was committed: " + message));
			return;
		}
		try {
			exchange.sendError(status, code, message, headers);
		}
		catch (IOException | RuntimeException ex) {
			exchange.fail(ex);
		}
	}

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(503, ErrorCodes.INTERNAL, "The KV emulator is stopping");
		}
	}

}
