package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;

/** Brings the application up to date with changes the refresh found. */
@FunctionalInterface
interface KVConfigApplier {

	/**
	 * @param changes what changed, one per import
	 */
	void apply(List<KVConfigImport.Change> changes);

}
