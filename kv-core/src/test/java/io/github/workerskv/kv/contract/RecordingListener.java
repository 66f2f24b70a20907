package io.github.workerskv.kv.contract;

import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVOperationEvent;

/** Keeps every call a backend reported, in order. */
public final class RecordingListener implements KVListener {

	private final List<KVOperationEvent> events = new ArrayList<>();

	@Override
	public synchronized void onOperation(KVOperationEvent event) {
		this.events.add(event);
	}

	/** @return the calls reported so far */
	public synchronized List<KVOperationEvent> events() {
		return List.copyOf(this.events);
	}

	/** Forgets what was reported. */
	public synchronized void clear() {
		this.events.clear();
	}

}
