package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * One attempt's request body, which remembers whether it handed its last byte to the HTTP client. Until it
 * has, the server cannot have the whole request, so a write that fails before then was certainly not
 * applied; once it has, the bytes may be on their way.
 */
final class WatchedBody implements BodyPublisher {

	private final BodyPublisher delegate;

	private volatile boolean complete;

	WatchedBody(BodyPublisher delegate) {
		this.delegate = delegate;
	}

	/** @return whether the whole body was handed to the HTTP client */
	boolean complete() {
		return this.complete;
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
				subscriber.onNext(item);
			}

			@Override
			public void onError(Throwable failure) {
				subscriber.onError(failure);
			}

			@Override
			public void onComplete() {
				WatchedBody.this.complete = true;
				subscriber.onComplete();
			}

		});
	}

}
