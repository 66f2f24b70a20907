package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request and its response, over Jetty's core API: the raw path, query parameters decoded
 * strictly as UTF-8 ({@code +} is a space there), bodies read with a size limit, and the replies.
 * Blocking: the handler runs on a thread of the server's pool, once {@link BodyLoadingHandler} has
 * received the whole body, so reading it does not wait for the network.
 */
final class Exchange {

	/** Bodies of rejected requests up to this size are read to the end, so the client sees the answer. */
	private static final long MAX_DRAIN_BYTES = 128L * 1024 * 1024;

	/** Most parts of a multipart body. */
	static final int MAX_PARTS = 100;

	/** Most bytes of one multipart part's headers. */
	static final int MAX_PART_HEADER_BYTES = 8 * 1024;

	private final Request request;

	private final Response response;

	private final Callback callback;

	private final JsonMapper jsonMapper;

	private final String rawPath;

	private @Nullable Fields query;

	Exchange(Request request, Response response, Callback callback, JsonMapper jsonMapper) {
		this.request = request;
		this.response = response;
		this.callback = callback;
		this.jsonMapper = jsonMapper;
		this.rawPath = NulPathConnectionFactory.sentPath(request);
	}

	String method() {
		return this.request.getMethod().toUpperCase(Locale.ROOT);
	}

	/** @return the path as the client sent it, still percent-encoded */
	String rawPath() {
		return this.rawPath;
	}

	@Nullable String header(HttpHeader header) {
		return this.request.getHeaders().get(header);
	}

	@Nullable String header(String name) {
		return this.request.getHeaders().get(name);
	}

	/**
	 * @param name a query parameter
	 * @return its first value, decoded strictly as UTF-8 with {@code +} as a space, or {@code null}
	 * @throws ApiException (400) if the query string is not valid UTF-8 or has a broken escape
	 */
	@Nullable String query(String name) {
		if (this.query == null) {
			this.query = QueryParameters.decode(this.request.getHttpURI().getQuery());
		}
		Fields.Field field = this.query.get(name);
		return (field != null) ? field.getValue() : null;
	}

	boolean isMultipart() {
		String type = header(HttpHeader.CONTENT_TYPE);
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
	}

	/** @return the declared body length, or -1 if the body is chunked */
	long contentLength() {
		return this.request.getLength();
	}

	/**
	 * Reads the whole body.
	 * @param limit the most bytes accepted
	 * @param what the body's name in the message
	 * @return the body
	 * @throws ApiException (413) if the body is longer than {@code limit}
	 */
	byte[] readBody(long limit, String what) {
		long declared = contentLength();
		if (declared > limit) {
			throw tooLarge(what, declared, limit);
		}
		// Not closed: closing the stream before its end would fail the request's content.
		InputStream in = Content.Source.asInputStream(this.request);
		try {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (body.length > limit) {
				throw tooLarge(what, body.length, limit);
			}
			return body;
		}
		catch (IOException ex) {
			throw ApiException.badRequest("Could not read the request body: " + ex.getMessage());
		}
	}

	/** @return the body as a stream, for values that go to the store without being held in memory */
	InputStream bodyStream() {
		return Content.Source.asInputStream(this.request);
	}

	/**
	 * Parses a {@code multipart/form-data} body, holding parts in memory.
	 * @param maxPartBytes the largest part
	 * @param maxBytes the largest body
	 * @return the parts, which the caller closes
	 * @throws PartTooLargeException if a part or the body is too large
	 * @throws ApiException (400) if the body is malformed, has more than {@value #MAX_PARTS} parts or a
	 * part's headers exceed {@value #MAX_PART_HEADER_BYTES} bytes
	 */
	MultiPartFormData.Parts multipart(long maxPartBytes, long maxBytes) {
		if (contentLength() > maxBytes) {
			throw new PartTooLargeException();
		}
		MultiPartConfig config = new MultiPartConfig.Builder().location(Path.of(System.getProperty("java.io.tmpdir")))
			.maxPartSize(maxPartBytes)
			.maxMemoryPartSize(maxPartBytes)
			.maxSize(maxBytes)
			.maxParts(MAX_PARTS)
			.maxHeadersSize(MAX_PART_HEADER_BYTES)
			.useFilesForPartsWithoutFileName(false)
			.build();
		try {
			return MultiPartFormData.getParts(this.request, this.request, header(HttpHeader.CONTENT_TYPE), config);
		}
		catch (RuntimeException ex) {
			Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
			// Jetty tells its limits apart only by message.
			String message = String.valueOf(failure.getMessage());
			if (message.startsWith("headers max length exceeded")) {
				throw ApiException.badRequest("A part of the multipart/form-data body has headers longer than "
						+ MAX_PART_HEADER_BYTES + " bytes, the most the KV emulator reads.");
			}
			if (message.startsWith("Form with too many keys")) {
				throw ApiException.badRequest("The multipart/form-data body has more than " + MAX_PARTS
						+ " parts, the most the KV emulator reads.");
			}
			if (message.startsWith("max ")) {
				throw new PartTooLargeException();
			}
			throw ApiException.badRequest("Malformed multipart/form-data body: " + message);
		}
	}

	/**
	 * Sets headers on the answer, whatever it turns out to be (a value, an envelope or an error).
	 * @param headers the headers
	 */
	void putResponseHeaders(Map<String, String> headers) {
		headers.forEach((name, value) -> this.response.getHeaders().put(name, value));
	}

	void send(Reply reply) throws IOException {
		if (reply instanceof Reply.Json json) {
			sendJson(json.status(), json.envelope(), json.headers());
		}
		else if (reply instanceof Reply.Value value) {
			this.response.setStatus(200);
			this.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
			if (value.expiration() != null) {
				this.response.getHeaders().put("expiration", value.expiration().toString());
			}
			this.response.getHeaders().put(HttpHeader.CONTENT_LENGTH, value.bytes().length);
			Content.Sink.write(this.response, true, ByteBuffer.wrap(value.bytes()));
			this.callback.succeeded();
		}
	}

	/**
	 * Answers with an error envelope, after reading what is left of a request body of moderate size
	 * (a client that is still sending would otherwise see a reset instead of the answer).
	 * @param status the HTTP status
	 * @param code the error code
	 * @param message the message
	 * @param headers extra headers
	 */
	void sendError(int status, int code, String message, Map<String, String> headers) throws IOException {
		drainBody();
		sendJson(status, Wire.Envelope.error(code, message), headers);
	}

	/** Closes the connection without answering. */
	void drop() {
		this.request.getConnectionMetaData().getConnection().getEndPoint().close();
		// EofException is one of Jetty's quiet exceptions: an intended drop is not logged as a failure.
		this.callback.failed(new EofException("Connection dropped by KVEmulator faults"));
	}

	void fail(Throwable failure) {
		this.callback.failed(failure);
	}

	boolean isCommitted() {
		return this.response.isCommitted();
	}

	private void sendJson(int status, Wire.Envelope envelope, Map<String, String> headers) throws IOException {
		byte[] body = this.jsonMapper.writeValueAsBytes(envelope);
		this.response.setStatus(status);
		headers.forEach((name, value) -> this.response.getHeaders().put(name, value));
		this.response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
		this.response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
		Content.Sink.write(this.response, true, ByteBuffer.wrap(body));
		this.callback.succeeded();
	}

	private void drainBody() {
		long declared = contentLength();
		if (declared == 0 || declared > MAX_DRAIN_BYTES) {
			return;
		}
		InputStream in = Content.Source.asInputStream(this.request);
		byte[] buffer = new byte[64 * 1024];
		long budget = MAX_DRAIN_BYTES;
		try {
			for (int n = 0; n >= 0 && budget > 0; n = in.read(buffer)) {
				budget -= n;
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away or sent less than it declared; the answer is sent regardless.
		}
	}

	private static ApiException tooLarge(String what, long length, long limit) {
		return new ApiException(413, ErrorCodes.BODY_TOO_LARGE,
				what + " of " + length + " bytes exceeds the limit of " + limit + " bytes.");
	}

	/** A multipart body or one of its parts is larger than allowed. */
	static final class PartTooLargeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PartTooLargeException() {
			super(null, null, false, false);
		}

	}

}
