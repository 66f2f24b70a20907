package io.github.workerskv.kv.spring.data;

import java.util.ArrayList;
import java.util.List;

/** The 1,200 people every repository test reads: deterministic, with repeating cities, ages and names. */
final class People {

	static final int COUNT = 1200;

	static final List<String> CITIES = List.of("Lisbon", "Oslo", "Quito", "Kyoto", "Accra", "Lima");

	static final List<String> FIRSTNAMES = List.of("Ada", "Linus", "Grace", "Alan", "Edsger", "Barbara", "Ken",
			"Dennis", "Margaret", "Tim");

	private People() {
	}

	static List<Person> all() {
		List<Person> people = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			people.add(new Person(String.format("p%04d", i), "user" + i + "@example.com", 18 + (i * 7) % 60,
					CITIES.get(i % CITIES.size()), FIRSTNAMES.get(i % FIRSTNAMES.size()), "Lastname" + (i % 13)));
		}
		return people;
	}

}
