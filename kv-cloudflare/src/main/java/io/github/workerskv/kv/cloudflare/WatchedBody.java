package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt's request body, which counts the bytes it handed to the HTTP client. Until it has handed over
 * all of them, the server cannot have the whole request, so a write that fails before then was certainly not
 * applied; once it has, the bytes may be on their way.
 *
 * <p>Bytes are counted when they are handed over, before the HTTP client writes them; the end of the body
 * ({@code onComplete}) is not waited for, since the HTTP client may see the server's answer, or the connection
 * break, before it is delivered. A body of unknown length counts as handed over once any of it was, or it
 * ended.
 */
final class WatchedBody implements BodyPublisher {

	private final BodyPublisher delegate;

	private final AtomicLong handedOver = new AtomicLong();

	private volatile boolean ended;

	WatchedBody(BodyPublisher delegate) {
		this.delegate = delegate;
	}

	/** @return whether the whole body may have been handed to the HTTP client */
	boolean allHandedOver() {
		long length = this.delegate.contentLength();
		if (length < 0) {
			return this.ended || this.handedOver.get() > 0;
		}
		return this.ended || this.handedOver.get() >= length;
	}

	@Override
	public long contentLength() {
		return this.delegate.contentLength();
	}

	@Override
	public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
		this.delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscriber.onSubscribe(subscription);
			}

			@Override
			public void onNext(ByteBuffer item) {
				WatchedBody.this.handedOver.addAndGet(item.remaining());
				subscriber.onNext(item);
			}

			@Override
			public void onError(Throwable failure) {
				subscriber.onError(failure);
			}

			@Override
			public void onComplete() {
				WatchedBody.this.ended = true;
				subscriber.onComplete();
			}

		});
	}

}
