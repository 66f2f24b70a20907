package io.github.workerskv.kv.conformance.repositories;

import org.springframework.data.repository.CrudRepository;

/** Sessions, versioned and audited. */
public interface SessionRepository extends CrudRepository<Session, String> {

}
