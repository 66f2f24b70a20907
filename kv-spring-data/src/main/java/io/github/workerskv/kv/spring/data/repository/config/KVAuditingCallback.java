package io.github.workerskv.kv.spring.data.repository.config;

import io.github.workerskv.kv.spring.data.BeforeKVWriteCallback;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;
import org.springframework.data.auditing.AuditingHandler;

/** Marks an entity created when its key held nothing before the write, and modified otherwise. */
class KVAuditingCallback implements BeforeKVWriteCallback<Object>, Ordered {

	private final ObjectFactory<AuditingHandler> handler;

	KVAuditingCallback(ObjectFactory<AuditingHandler> handler) {
		this.handler = handler;
	}

	@Override
	public Object onBeforeWrite(Object entity, String keyspace, boolean exists) {
		AuditingHandler auditing = this.handler.getObject();
		return exists ? auditing.markModified(entity) : auditing.markCreated(entity);
	}

	@Override
	public int getOrder() {
		return 100;
	}

}
