package io.github.workerskv.kv.spring.data;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.data.keyvalue.core.event.KeyValueEvent;

/** Collects the repository events Spring Data KeyValue's template publishes. */
class EventLog implements ApplicationListener<KeyValueEvent<?>> {

	private final List<KeyValueEvent<?>> events = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(KeyValueEvent<?> event) {
		this.events.add(event);
	}

	List<KeyValueEvent<?>> events() {
		return this.events;
	}

	void clear() {
		this.events.clear();
	}

}
