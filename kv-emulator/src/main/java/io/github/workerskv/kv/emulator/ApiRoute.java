package io.github.workerskv.kv.emulator;

import org.jspecify.annotations.Nullable;

/**
 * Which endpoint a request is for, read from its method and raw path.
 *
 * <p>Ids are taken from single raw segments; the key is everything after {@code /values/} or
 * {@code /metadata/}, still percent-encoded (decode it with {@link PercentDecoder} once the caller is
 * authenticated). A trailing slash is not ignored: wrangler turns the key {@code ..} into
 * {@code PUT .../namespaces/{ns}/}, which must not rename the namespace.
 *
 * @param endpoint the endpoint
 * @param accountId the account id, for account endpoints
 * @param namespaceId the namespace id, for namespace and key endpoints
 * @param rawKey the still-encoded key, for value and metadata endpoints
 */
record ApiRoute(Endpoint endpoint, @Nullable String accountId, @Nullable String namespaceId,
		@Nullable String rawKey) {

	static final String BASE_PATH = "/client/v4";

	private static final String NAMESPACES = "/storage/kv/namespaces";

	/** The endpoints the emulator serves. */
	enum Endpoint {

		MEMBERSHIPS, USER, VERIFY_TOKEN, ACCOUNTS,

		LIST_NAMESPACES, CREATE_NAMESPACE, GET_NAMESPACE, RENAME_NAMESPACE, DELETE_NAMESPACE,

		LIST_KEYS, GET_VALUE, PUT_VALUE, DELETE_VALUE, GET_METADATA,

		BULK_WRITE, BULK_DELETE, BULK_GET

	}

	/** @return the account id of an account endpoint */
	String account() {
		if (this.accountId == null) {
			throw new IllegalStateException(this.endpoint + " has no account id");
		}
		return this.accountId;
	}

	/** @return the namespace id of a namespace endpoint */
	String namespace() {
		if (this.namespaceId == null) {
			throw new IllegalStateException(this.endpoint + " has no namespace id");
		}
		return this.namespaceId;
	}

	/** @return the decoded key of a value or metadata endpoint */
	String key() {
		if (this.rawKey == null) {
			throw new IllegalStateException(this.endpoint + " has no key");
		}
		return PercentDecoder.decodePathSegment(this.rawKey);
	}

	/** @return whether the endpoint belongs to an account and needs the account check */
	boolean isAccountScoped() {
		return this.accountId != null;
	}

	/**
	 * @param method the HTTP method, upper case
	 * @param rawPath the raw path of the request
	 * @return the route, or {@code null} if no endpoint serves this method and path
	 */
	static @Nullable ApiRoute resolve(String method, String rawPath) {
		if (!rawPath.startsWith(BASE_PATH + "/")) {
			return null;
		}
		String path = rawPath.substring(BASE_PATH.length());
		switch (path) {
			case "/memberships":
				return get(method, Endpoint.MEMBERSHIPS);
			case "/user":
				return get(method, Endpoint.USER);
			case "/user/tokens/verify":
				return get(method, Endpoint.VERIFY_TOKEN);
			case "/accounts":
				return get(method, Endpoint.ACCOUNTS);
			default:
				break;
		}
		if (!path.startsWith("/accounts/")) {
			return null;
		}
		int accountEnd = path.indexOf('/', "/accounts/".length());
		if (accountEnd < 0) {
			return null;
		}
		String account = id(path.substring("/accounts/".length(), accountEnd));
		String rest = path.substring(accountEnd);
		if (account == null || !rest.startsWith(NAMESPACES)) {
			return null;
		}
		rest = rest.substring(NAMESPACES.length());
		if (rest.isEmpty()) {
			return switch (method) {
				case "GET" -> new ApiRoute(Endpoint.LIST_NAMESPACES, account, null, null);
				case "POST" -> new ApiRoute(Endpoint.CREATE_NAMESPACE, account, null, null);
				default -> null;
			};
		}
		if (rest.charAt(0) != '/') {
			return null;
		}
		int namespaceEnd = rest.indexOf('/', 1);
		String namespace = id(rest.substring(1, (namespaceEnd < 0) ? rest.length() : namespaceEnd));
		if (namespace == null) {
			return null;
		}
		if (namespaceEnd < 0) {
			Endpoint endpoint = switch (method) {
				case "GET" -> Endpoint.GET_NAMESPACE;
				case "PUT" -> Endpoint.RENAME_NAMESPACE;
				case "DELETE" -> Endpoint.DELETE_NAMESPACE;
				default -> null;
			};
			return (endpoint != null) ? new ApiRoute(endpoint, account, namespace, null) : null;
		}
		return resolveInNamespace(method, account, namespace, rest.substring(namespaceEnd));
	}

	private static @Nullable ApiRoute resolveInNamespace(String method, String account, String namespace,
			String rest) {
		if (rest.startsWith("/values/")) {
			Endpoint endpoint = switch (method) {
				case "GET" -> Endpoint.GET_VALUE;
				case "PUT" -> Endpoint.PUT_VALUE;
				case "DELETE" -> Endpoint.DELETE_VALUE;
				default -> null;
			};
			return (endpoint != null) ? new ApiRoute(endpoint, account, namespace, rest.substring("/values/".length()))
					: null;
		}
		if (rest.startsWith("/metadata/")) {
			return "GET".equals(method)
					? new ApiRoute(Endpoint.GET_METADATA, account, namespace, rest.substring("/metadata/".length()))
					: null;
		}
		Endpoint endpoint = switch (rest + " " + method) {
			case "/keys GET" -> Endpoint.LIST_KEYS;
			case "/bulk PUT" -> Endpoint.BULK_WRITE;
			case "/bulk DELETE", "/bulk/delete POST" -> Endpoint.BULK_DELETE;
			case "/bulk/get POST" -> Endpoint.BULK_GET;
			default -> null;
		};
		return (endpoint != null) ? new ApiRoute(endpoint, account, namespace, null) : null;
	}

	private static @Nullable ApiRoute get(String method, Endpoint endpoint) {
		return "GET".equals(method) ? new ApiRoute(endpoint, null, null, null) : null;
	}

	private static @Nullable String id(String raw) {
		if (raw.isEmpty()) {
			return null;
		}
		try {
			return PercentDecoder.decodePathSegment(raw);
		}
		catch (ApiException ex) {
			return null;
		}
	}

}
