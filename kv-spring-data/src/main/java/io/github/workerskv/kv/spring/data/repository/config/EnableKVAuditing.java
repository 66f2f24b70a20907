package io.github.workerskv.kv.spring.data.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables Spring Data auditing ({@code @CreatedDate}, {@code @LastModifiedDate}, {@code @CreatedBy},
 * {@code @LastModifiedBy}) for KV repositories, next to {@link EnableKVRepositories}.
 *
 * <p>An entity counts as created when KV held no live value under its key just before the write, and as
 * modified otherwise, whatever its id or version say: KV repositories usually have assigned ids. The
 * dates are set on the entity in place (give audited properties a setter or a non-final field).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(KVAuditingRegistrar.class)
public @interface EnableKVAuditing {

	/** @return the bean name of the {@code AuditorAware}, or empty for none */
	String auditorAwareRef() default "";

	/** @return whether dates are set */
	boolean setDates() default true;

	/** @return whether a creation also sets the modification properties */
	boolean modifyOnCreate() default true;

	/** @return the bean name of the {@code DateTimeProvider}, or empty for the current time */
	String dateTimeProviderRef() default "";

}
