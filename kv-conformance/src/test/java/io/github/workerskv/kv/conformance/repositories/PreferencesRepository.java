package io.github.workerskv.kv.conformance.repositories;

import org.springframework.data.repository.CrudRepository;

/** The README's example repository. */
public interface PreferencesRepository extends CrudRepository<Preferences, String> {

}
