package io.github.workerskv.kv.spring.data.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.workerskv.kv.spring.data.repository.query.KVPartTreeQuery;
import io.github.workerskv.kv.spring.data.repository.query.KVQueryCreator;
import io.github.workerskv.kv.spring.data.repository.support.KVRepositoryFactoryBean;

import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.keyvalue.repository.config.QueryCreatorType;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

/**
 * Enables Spring Data repositories on Workers KV for the annotated configuration's package (or the
 * packages named).
 *
 * <pre>{@code
 * @Configuration
 * @EnableKVRepositories(binding = "PREFERENCES")
 * class KVConfig {
 *     @Bean
 *     KVNamespace PREFERENCES() { ... }
 * }
 * }</pre>
 *
 * Unless {@link #keyValueTemplateRef()} names a bean that already exists, this registers a
 * {@code KeyValueTemplate} of that name over a {@link io.github.workerskv.kv.spring.data.KVKeyValueAdapter}
 * (bean {@code <keyValueTemplateRef>Adapter}) on the {@code KVNamespace} bean named by {@link #binding()}.
 * A {@link io.github.workerskv.kv.spring.data.KVRepositoryOptions} bean, if present, configures the
 * adapter (separator, mapper, clock, times to live, and a binding used when {@link #binding()} is empty).
 * Two sets of repositories on two namespaces need two annotations with different
 * {@link #keyValueTemplateRef()}s.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(KVRepositoriesRegistrar.class)
@QueryCreatorType(value = KVQueryCreator.class, repositoryQueryType = KVPartTreeQuery.class)
public @interface EnableKVRepositories {

	/** @return alias of {@link #basePackages()} */
	String[] value() default {};

	/** @return the packages to scan for repository interfaces */
	String[] basePackages() default {};

	/** @return classes whose packages are scanned */
	Class<?>[] basePackageClasses() default {};

	/** @return which interfaces to leave out */
	Filter[] excludeFilters() default {};

	/** @return which interfaces to take */
	Filter[] includeFilters() default {};

	/** @return the suffix of custom implementation classes */
	String repositoryImplementationPostfix() default "Impl";

	/** @return where named queries live (KV has none; kept for Spring Data's contract) */
	String namedQueriesLocation() default "";

	/** @return how query methods are resolved */
	Key queryLookupStrategy() default Key.CREATE_IF_NOT_FOUND;

	/** @return the factory bean of each repository */
	Class<?> repositoryFactoryBeanClass() default KVRepositoryFactoryBean.class;

	/** @return the repository base class */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/** @return the bean name generator of repositories */
	Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

	/** @return the template the repositories use; registered over the binding unless it exists */
	String keyValueTemplateRef() default "kvKeyValueTemplate";

	/** @return whether repository interfaces nested in other classes are found */
	boolean considerNestedRepositories() default false;

	/**
	 * @return the name of the {@code KVNamespace} bean (a binding name, as in {@code wrangler.toml}); empty
	 * for the binding of the {@code KVRepositoryOptions} bean, or else the only {@code KVNamespace} bean
	 */
	String binding() default "";

}
