package io.github.workerskv.kv.spring.data;

import java.util.Collection;
import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface NoteRepository extends ListCrudRepository<Note, String> {

	List<Note> findByOwner(String owner);

	long deleteByOwner(String owner);

	List<Note> findByOwnerIn(Collection<String> owners);

	List<Note> findByTextStartingWith(String prefix);

}
