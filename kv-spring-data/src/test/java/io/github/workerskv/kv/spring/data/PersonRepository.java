package io.github.workerskv.kv.spring.data;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

interface PersonRepository extends ListCrudRepository<Person, String>, ListPagingAndSortingRepository<Person, String>,
		ListQueryByExampleExecutor<Person> {

	List<Person> findByEmail(String email);

	long countByCity(String city);

	boolean existsByEmail(String email);

	List<Person> findByCity(String city);

	List<Person> findByAgeBetween(int from, int to);

	List<Person> findByCityIn(Collection<String> cities);

	List<Person> findByAgeGreaterThan(int age, Sort sort);

	List<Person> findByFirstname(String firstname);

	List<Person> findByCityAndFirstname(String city, String firstname);

	List<Person> findByFirstnameOrEmail(String firstname, String email);

	List<Person> findByLastnameStartingWithIgnoreCase(String prefix);

	List<Person> findByAddressStreet(String street);

	long countByFirstname(String firstname);

	Page<Person> findByCity(String city, Pageable pageable);

	Slice<Person> findByAgeLessThan(int age, Pageable pageable);

	Window<Person> findFirst250By(ScrollPosition position);

	Window<Person> findFirst100ByCity(String city, ScrollPosition position);

	Window<Person> findAllBy(ScrollPosition position, Limit limit);

	Window<Person> findByCityOrderByAgeAsc(String city, ScrollPosition position, Limit limit);

	Window<Person> findByFirstname(String firstname, ScrollPosition position, Limit limit);

	List<Person> findTop3ByOrderByAgeDescEmailAsc();

	List<Person> findByCity(String city, Limit limit);

	Stream<Person> streamByCity(String city);

	List<PersonSummary> findSummaryByCity(String city);

	<T> List<T> findByAgeGreaterThan(int age, Sort sort, Class<T> type);

	interface PersonSummary {

		String getEmail();

		Integer getAge();

	}

}
