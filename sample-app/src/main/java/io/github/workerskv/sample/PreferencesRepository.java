package io.github.workerskv.sample;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.repository.CrudRepository;

/**
 * User preferences in KV, found by the starter's auto-configuration in the application's package. Nothing else
 * configures it: no {@code @EnableKVRepositories}, no adapter bean.
 */
public interface PreferencesRepository extends CrudRepository<Preferences, String> {

	/**
	 * @param theme a theme
	 * @param pageable which slice
	 * @return the users with that theme, in key order: one {@code list} request per 1,000 preferences
	 * (reading metadata only) and one bulk read per 100 users returned
	 */
	Slice<Preferences> findByTheme(String theme, Pageable pageable);

	/**
	 * @param theme a theme
	 * @return how many users have it, from listings alone
	 */
	long countByTheme(String theme);

}
