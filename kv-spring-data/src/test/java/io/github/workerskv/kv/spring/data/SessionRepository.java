package io.github.workerskv.kv.spring.data;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface SessionRepository extends ListCrudRepository<Session, String> {

	List<Session> findByUser(String user);

	long countByUser(String user);

}
