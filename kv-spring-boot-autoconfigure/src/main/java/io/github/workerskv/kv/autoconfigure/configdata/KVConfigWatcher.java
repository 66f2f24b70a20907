package io.github.workerskv.kv.autoconfigure.configdata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The refresh of configuration imported from KV: every {@code cloudflare.kv.config.refresh-interval} (the
 * first time one interval after the context starts, then that long after each pass ends), reads every import
 * again as at start-up (a document with one get; a prefix with list and bulk gets) and compares it with what it
 * read last.
 *
 * <p>When something changed, brings the application up to date ({@link KVConfigRebinder}, or Spring Cloud's
 * refresh), logs one INFO line per changed import naming its location and the changed properties (never their
 * values), counts it, and publishes a {@link KVConfigChangedEvent}. When KV cannot be read, or a document no
 * longer parses, the last values stay, the failure is counted, and one WARN line is logged when an import starts
 * failing (then DEBUG) and one INFO line when it reads again: the application never fails because of it.
 *
 * <p>Counts, one per import per pass: {@code changed}, {@code unchanged} and {@code failed} (the meter
 * {@code kv.config.refreshes}, tagged {@code outcome}).
 */
final class KVConfigWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KVConfigWatcher.class);

	private final KVConfigImports imports;

	private final Duration interval;

	private final TaskScheduler scheduler;

	private final KVConfigApplier applier;

	private final ApplicationEventPublisher publisher;

	private final AtomicLong changed = new AtomicLong();

	private final AtomicLong unchanged = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Set<KVConfigDataResource> failing = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ScheduledFuture<?> task;

	KVConfigWatcher(KVConfigImports imports, Duration interval, TaskScheduler scheduler, KVConfigApplier applier,
			ApplicationEventPublisher publisher) {
		this.imports = imports;
		this.interval = interval;
		this.scheduler = scheduler;
		this.applier = applier;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.task = this.scheduler.scheduleWithFixedDelay(this::refresh,
				this.scheduler.getClock().instant().plus(this.interval), this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> task = this.task;
		if (task != null) {
			task.cancel(false);
		}
		this.task = null;
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	/** One pass: reads every import, and applies and announces what changed. Never throws. */
	synchronized void refresh() {
		List<KVConfigImport.Change> changes = new ArrayList<>();
		for (KVConfigImport imported : this.imports.all()) {
			KVConfigImport.Change change = compare(imported);
			if (change != null) {
				changes.add(change);
			}
		}
		if (changes.isEmpty()) {
			return;
		}
		try {
			this.applier.apply(changes);
		}
		catch (RuntimeException ex) {
			this.failed.addAndGet(changes.size());
			logger.warn("Could not apply the configuration changed in KV; keeping the last values: " + ex.getMessage(),
					ex);
			return;
		}
		Set<String> properties = new LinkedHashSet<>();
		List<String> locations = new ArrayList<>();
		for (KVConfigImport.Change change : changes) {
			this.changed.incrementAndGet();
			properties.addAll(change.properties());
			locations.add(change.imported().resource().location());
			logger.info("Configuration changed in KV at " + change.imported().resource().location() + ": "
					+ (change.properties().isEmpty() ? "no property" : String.join(", ", change.properties())));
		}
		this.publisher.publishEvent(new KVConfigChangedEvent(this, locations, properties));
	}

	private KVConfigImport.@Nullable Change compare(KVConfigImport imported) {
		KVConfigDataResource resource = imported.resource();
		try {
			Map<String, String> fresh = KVConfigReader.read(imported.namespace(), resource);
			KVConfigImport.Change change = imported.compare(fresh);
			if (this.failing.remove(resource)) {
				logger.info("Reading " + resource + " from KV again");
			}
			if (change == null) {
				this.unchanged.incrementAndGet();
			}
			return change;
		}
		catch (RuntimeException ex) {
			this.failed.incrementAndGet();
			if (this.failing.add(resource)) {
				logger.warn("Could not read " + resource + " from KV to refresh '" + resource.location()
						+ "'; keeping its last values until it can be read: " + ex.getMessage());
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Still cannot read " + resource + " from KV: " + ex.getMessage());
			}
			return null;
		}
	}

	/** @return the imports that changed, over every pass */
	long changed() {
		return this.changed.get();
	}

	/** @return the imports read unchanged, over every pass */
	long unchanged() {
		return this.unchanged.get();
	}

	/** @return the imports that could not be read or applied, over every pass */
	long failed() {
		return this.failed.get();
	}

	/** @return the interval between passes */
	Duration interval() {
		return this.interval;
	}

}
