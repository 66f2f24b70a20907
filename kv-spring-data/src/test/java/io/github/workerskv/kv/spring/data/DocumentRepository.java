package io.github.workerskv.kv.spring.data;

import org.springframework.data.repository.CrudRepository;

interface DocumentRepository extends CrudRepository<Document, String> {

}
