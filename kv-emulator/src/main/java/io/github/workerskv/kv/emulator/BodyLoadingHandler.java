package io.github.workerskv.kv.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every request body in full before the blocking {@link ApiHandler} sees the request, without
 * holding a thread while the bytes are on their way: Jetty calls back when bytes arrive, and only a
 * complete body is handed on, so slow uploads cannot take the server's threads.
 *
 * <p>While reading, a body must keep up the {@link ServerLimits#minRequestDataRate() minimum data
 * rate} (its average since the request's headers, after a first second that is always allowed:
 * Jetty's core server does not enforce {@code HttpConfiguration.minRequestDataRate}, only its servlet
 * layer does) and must not stall past the {@link ServerLimits#idleTimeout() idle timeout}; otherwise
 * the answer is 408 with code 10004. A body longer than {@value #MAX_BODY_BYTES} bytes, one more than
 * any endpoint accepts, is refused with 413 as soon as it passes that size. A body whose declared
 * length is larger still is not read here: the endpoints refuse it by its {@code Content-Length}.
 */
final class BodyLoadingHandler extends Handler.Wrapper {

	/** One byte more than the largest body an endpoint accepts (a bulk write), so endpoints see it is too large. */
	static final long MAX_BODY_BYTES = BulkEndpoints.MAX_BULK_BODY_BYTES + 1;

	private static final long ALLOWED_SLOW_NANOS = 1_000_000_000L;

	private final ServerLimits limits;

	private final JsonMapper jsonMapper;

	BodyLoadingHandler(Handler next, ServerLimits limits, JsonMapper jsonMapper) {
		super(next);
		this.limits = limits;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		long declared = request.getLength();
		boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
		if (declared <= 0 && !chunked) {
			return super.handle(request, response, callback);
		}
		if (declared > MAX_BODY_BYTES) {
			return super.handle(new Guard(request), response, callback);
		}
		new Load(request, new Guard(request), response, callback).run();
		return true;
	}

	private void handleLoaded(Request loaded, Response response, Callback callback) {
		try {
			if (!super.handle(loaded, response, callback)) {
				Response.writeError(loaded, response, callback, 404);
			}
		}
		catch (Throwable ex) {
			Response.writeError(loaded, response, callback, ex);
		}
	}

	private void refuse(Throwable failure, Response response, Callback callback) {
		Map<String, String> close = Map.of(HttpHeader.CONNECTION.asString(), HttpHeaderValue.CLOSE.asString());
		if (failure instanceof ApiException refusal) {
			ErrorAnswer.write(response, callback, this.jsonMapper, refusal.status(), refusal.code(), String.valueOf(refusal.getMessage()),
					close);
		}
		else if (failure instanceof TimeoutException) {
			ErrorAnswer.write(response, callback, this.jsonMapper, 408, ErrorCodes.REQUEST_TIMEOUT,
					"No byte of the request body arrived within the emulator's idle timeout of "
							+ this.limits.idleTimeout().toMillis() + " ms (ServerLimits.withIdleTimeout).",
					close);
		}
		else if (failure instanceof HttpException http) {
			ErrorAnswer.write(response, callback, this.jsonMapper, http.getCode(), ErrorCodes.BAD_REQUEST,
					"The request body broke off or is malformed: " + http.getReason() + ".", close);
		}
		else {
			// The client went away: there is nobody to answer.
			callback.failed(failure);
		}
	}

	/**
	 * Reads a body chunk by chunk as Jetty delivers it, copying the bytes (retaining Jetty's chunks
	 * would pin a network buffer per chunk, however small), then hands on the complete request. Run
	 * first by {@link #handle} and then as the demand callback; a plain {@link Runnable} is a blocking
	 * task to Jetty, so it always runs on a pool thread, where the blocking handler may be called.
	 */
	private final class Load implements Runnable {

		private static final int INITIAL_CAPACITY = 64 * 1024;

		private final Request request;

		private final Guard body;

		private final Response response;

		private final Callback callback;

		private final ByteArrayOutputStream bytes;

		Load(Request request, Guard body, Response response, Callback callback) {
			this.request = request;
			this.body = body;
			this.response = response;
			this.callback = callback;
			long declared = request.getLength();
			this.bytes = new ByteArrayOutputStream((int) ((declared > 0) ? Math.min(declared, INITIAL_CAPACITY) : 1024));
		}

		@Override
		public void run() {
			while (true) {
				Content.Chunk chunk = this.body.read();
				if (chunk == null) {
					this.body.demand(this);
					return;
				}
				if (Content.Chunk.isFailure(chunk)) {
					refuse(chunk.getFailure(), this.response, this.callback);
					return;
				}
				try {
					BufferUtil.writeTo(chunk.getByteBuffer(), this.bytes);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
				}
				boolean last = chunk.isLast();
				chunk.release();
				if (last) {
					handleLoaded(new Loaded(this.request, this.bytes.toByteArray()), this.response, this.callback);
					return;
				}
			}
		}

	}

	/**
	 * The request as its body is read: counts the bytes and refuses a body that is too slow or too
	 * large with a last failure chunk holding an {@link ApiException}. The blocking reads of a body that
	 * is passed on unread (its declared length is too large) are held to the same rate.
	 */
	private final class Guard extends Request.Wrapper {

		private long bytes;

		private Content.@Nullable Chunk refusal;

		Guard(Request request) {
			super(request);
		}

		@Override
		public Content.Chunk read() {
			if (this.refusal != null) {
				return this.refusal;
			}
			Content.Chunk chunk = super.read();
			if (chunk != null && !Content.Chunk.isFailure(chunk)) {
				this.bytes += chunk.remaining();
				if (this.bytes > MAX_BODY_BYTES) {
					chunk.release();
					return refuse(new ApiException(413, ErrorCodes.BODY_TOO_LARGE, "The request body is longer than "
							+ BulkEndpoints.MAX_BULK_BODY_BYTES + " bytes, more than any endpoint accepts."));
				}
			}
			return chunk;
		}

		@Override
		public void demand(Runnable demandCallback) {
			long rate = BodyLoadingHandler.this.limits.minRequestDataRate();
			long elapsed = NanoTime.since(getHeadersNanoTime());
			if (rate > 0 && elapsed > ALLOWED_SLOW_NANOS
					&& this.bytes < (double) rate * (elapsed - ALLOWED_SLOW_NANOS) / 1e9) {
				refuse(new ApiException(408, ErrorCodes.REQUEST_TIMEOUT, "The request body arrived too slowly: "
						+ this.bytes + " bytes in " + (elapsed / 1_000_000) + " ms, below the emulator's minimum of " + rate
						+ " bytes per second (ServerLimits.withMinRequestDataRate)."));
				demandCallback.run();
				return;
			}
			super.demand(demandCallback);
		}

		private Content.Chunk refuse(ApiException refusal) {
			this.refusal = Content.Chunk.from(refusal, true);
			return this.refusal;
		}

	}

	/** A request whose body has been read: it serves the bytes at once. */
	private static final class Loaded extends Request.Wrapper {

		private Content.Chunk rest;

		Loaded(Request request, byte[] body) {
			super(request);
			this.rest = Content.Chunk.from(ByteBuffer.wrap(body), true);
		}

		@Override
		public Content.Chunk read() {
			Content.Chunk chunk = this.rest;
			this.rest = Content.Chunk.EOF;
			return chunk;
		}

		@Override
		public void demand(Runnable demandCallback) {
			demandCallback.run();
		}

	}

}
