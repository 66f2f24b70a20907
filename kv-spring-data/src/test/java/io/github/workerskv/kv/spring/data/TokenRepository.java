package io.github.workerskv.kv.spring.data;

import org.springframework.data.repository.CrudRepository;

interface TokenRepository extends CrudRepository<Token, String> {

}
