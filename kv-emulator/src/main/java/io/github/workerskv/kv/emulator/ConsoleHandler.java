package io.github.workerskv.kv.emulator;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.console.ConsoleBackend;
import io.github.workerskv.kv.console.ConsoleBackendKind;
import io.github.workerskv.kv.console.ConsoleNamespace;
import io.github.workerskv.kv.console.ConsoleRequest;
import io.github.workerskv.kv.console.ConsoleResponse;
import io.github.workerskv.kv.console.KVConsole;
import io.github.workerskv.kv.local.LocalKVStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The KV console at {@value #PATH}, over the emulator's namespaces (listed by title): the local KV dashboard
 * that {@code --console} switches on. Every other request goes on to the REST API. When the emulator has API
 * tokens, the console's API asks for one ({@code Authorization: Bearer}, which its sign-in form sends); its
 * pages need none. Writes go to the store's namespaces directly, with their validation; they are not counted
 * in {@link KVEmulator#stats()} and meet no injected fault.
 */
final class ConsoleHandler extends Handler.Wrapper {

	static final String PATH = "/kv-console";

	private final KVConsole console;

	private final Authenticator authenticator;

	ConsoleHandler(Handler next, LocalKVStore store, NamespaceCatalog catalog, Authenticator authenticator,
			String description) {
		super(next);
		this.authenticator = authenticator;
		this.console = KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMULATOR, description,
				() -> namespaces(store, catalog)));
	}

	private static List<ConsoleNamespace> namespaces(LocalKVStore store, NamespaceCatalog catalog) {
		return catalog.all()
			.stream()
			.sorted(Comparator.comparing(NamespaceCatalog.Entry::title).thenComparing(NamespaceCatalog.Entry::id))
			.map((entry) -> new ConsoleNamespace(entry.title(), store.namespace(entry.id()), false))
			.toList();
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		String path = request.getHttpURI().getPath();
		if (path == null || !(path.equals(PATH) || path.startsWith(PATH + "/") || path.equals("/"))) {
			return super.handle(request, response, callback);
		}
		if (path.equals("/") || path.equals(PATH)) {
			if (path.equals("/") && !request.getMethod().equals("GET")) {
				return super.handle(request, response, callback);
			}
			response.setStatus(302);
			response.getHeaders().put(HttpHeader.LOCATION, PATH + "/");
			callback.succeeded();
			return true;
		}
		byte[] body;
		try (InputStream in = Content.Source.asInputStream(request)) {
			body = in.readNBytes(KVConsole.MAX_BODY_BYTES + 1);
		}
		ConsoleRequest consoleRequest = consoleRequest(request, path.substring(PATH.length()), body);
		ConsoleResponse answer;
		if (body.length > KVConsole.MAX_BODY_BYTES) {
			answer = this.console.refuse(consoleRequest, 413,
					"A console request may carry at most " + KVConsole.MAX_BODY_BYTES + " bytes.");
		}
		else if (consoleRequest.path().startsWith("/api/")
				&& !this.authenticator.isValidBearer(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
			answer = this.console.refuse(consoleRequest, 401,
					"This emulator needs its API token (KV_EMULATOR_TOKEN): enter it to use the console.");
		}
		else {
			answer = this.console.handle(consoleRequest);
		}
		write(answer, response, callback);
		return true;
	}

	private static ConsoleRequest consoleRequest(Request request, String path, byte[] body) {
		Map<String, String> query = new LinkedHashMap<>();
		Fields fields = QueryParameters.decode(request.getHttpURI().getQuery());
		for (Fields.Field field : fields) {
			query.putIfAbsent(field.getName(), field.getValue());
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (HttpField field : request.getHeaders()) {
			headers.putIfAbsent(field.getName(), field.getValue());
		}
		byte[] bounded = (body.length > KVConsole.MAX_BODY_BYTES) ? new byte[0] : body;
		return ConsoleRequest.of(request.getMethod(), path).withQuery(query).withHeaders(headers).withBody(bounded);
	}

	private static void write(ConsoleResponse answer, Response response, Callback callback) {
		response.setStatus(answer.status());
		answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
		if (!answer.contentType().isEmpty()) {
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
		}
		response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
		response.write(true, ByteBuffer.wrap(answer.body()), callback);
	}

}
