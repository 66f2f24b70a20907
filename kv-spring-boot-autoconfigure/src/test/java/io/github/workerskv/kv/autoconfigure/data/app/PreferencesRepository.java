package io.github.workerskv.kv.autoconfigure.data.app;

import java.util.List;

import org.springframework.data.repository.CrudRepository;

/** Found by the auto-configuration in the application's package. */
public interface PreferencesRepository extends CrudRepository<Preferences, String> {

	List<Preferences> findByTheme(String theme);

}
