package io.github.workerskv.kv.spring.data;

import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A person: email, age and city indexed; names and address only in the value. */
@KeySpace("people")
class Person {

	@Id
	private String id;

	@Indexed
	private String email;

	@Indexed
	private Integer age;

	@Indexed
	private String city;

	private String firstname;

	private String lastname;

	private Address address;

	Person() {
	}

	Person(String id, String email, Integer age, String city, String firstname, String lastname) {
		this.id = id;
		this.email = email;
		this.age = age;
		this.city = city;
		this.firstname = firstname;
		this.lastname = lastname;
		this.address = new Address(city, "Street " + id);
	}

	public String getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public Integer getAge() {
		return this.age;
	}

	public String getCity() {
		return this.city;
	}

	public String getFirstname() {
		return this.firstname;
	}

	public String getLastname() {
		return this.lastname;
	}

	public Address getAddress() {
		return this.address;
	}

	void setFirstname(String firstname) {
		this.firstname = firstname;
	}

	void setEmail(String email) {
		this.email = email;
	}

	void setAddress(Address address) {
		this.address = address;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Person p && Objects.equals(this.id, p.id) && Objects.equals(this.email, p.email)
				&& Objects.equals(this.age, p.age) && Objects.equals(this.city, p.city)
				&& Objects.equals(this.firstname, p.firstname) && Objects.equals(this.lastname, p.lastname)
				&& Objects.equals(this.address, p.address);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id);
	}

	@Override
	public String toString() {
		return "Person[" + this.id + ", " + this.email + ", " + this.age + ", " + this.city + ", " + this.firstname
				+ " " + this.lastname + "]";
	}

	record Address(String city, String street) {
	}

}
