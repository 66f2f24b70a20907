package io.github.workerskv.kv.emulator;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 connections that let {@code %00} through in the path of a request, as the path of a key that
 * holds U+0000 ({@code /values/a%00}) needs.
 *
 * <p>Jetty refuses {@code %00} in a path while it parses the request line, whatever the
 * {@link org.eclipse.jetty.http.UriCompliance} ({@code HttpURI} throws "Illegal character in path"), so the
 * request is answered 400 before any handler runs. A connection of this factory therefore hands Jetty the
 * path with each {@code %00} spelled {@code %2500} and keeps the path as the client sent it, which
 * {@link #sentPath(Request)} gives back to the handler; the handler never reads Jetty's spelling. Only
 * origin-form targets ({@code /client/v4/...}, what every client sends) are rewritten; the query is left as
 * it is, since Jetty accepts {@code %00} there. A connection serves one request at a time, so it keeps the
 * path of the request it parsed last, and {@link Exchange} reads it once, before answering.
 */
final class NulPathConnectionFactory extends HttpConnectionFactory {

	private static final String NUL = "%00";

	private static final String STAND_IN = "%2500";

	NulPathConnectionFactory(HttpConfiguration configuration) {
		super(configuration);
	}

	@Override
	public Connection newConnection(Connector connector, EndPoint endPoint) {
		NulPathConnection connection = new NulPathConnection(getHttpConfiguration(), connector, endPoint);
		// as HttpConnectionFactory configures its own connections
		connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
		return configure(connection, connector, endPoint);
	}

	/**
	 * @param request a request
	 * @return its raw path as the client sent it, {@code %00} included
	 */
	static String sentPath(Request request) {
		String path = request.getHttpURI().getPath();
		String parsed = (path != null) ? path : "/";
		return (request.getConnectionMetaData().getConnection() instanceof NulPathConnection connection)
				? connection.sentPath(parsed) : parsed;
	}

	/**
	 * The path of a connection's current request, as sent and as handed to Jetty.
	 * @param sent as the client sent it
	 * @param parsed as Jetty parsed it
	 */
	private record Rewritten(String sent, String parsed) {
	}

	/** A connection that spells {@code %00} in paths so that Jetty accepts them. */
	private static final class NulPathConnection extends HttpConnection {

		private volatile @Nullable Rewritten current;

		NulPathConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
			super(configuration, connector, endPoint);
		}

		@Override
		protected HttpStreamOverHTTP1 newHttpStream(String method, @Nullable String uri, HttpVersion version) {
			Rewritten rewritten = null;
			@Nullable String target = uri;
			if (uri != null && uri.startsWith("/")) {
				int query = uri.indexOf('?');
				String path = (query < 0) ? uri : uri.substring(0, query);
				if (path.contains(NUL)) {
					rewritten = new Rewritten(path, path.replace(NUL, STAND_IN));
					target = rewritten.parsed() + uri.substring(path.length());
				}
			}
			this.current = rewritten;
			return super.newHttpStream(method, target, version);
		}

		String sentPath(String parsed) {
			Rewritten rewritten = this.current;
			return (rewritten != null && rewritten.parsed().equals(parsed)) ? rewritten.sent() : parsed;
		}

	}

}
