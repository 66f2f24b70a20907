package io.github.workerskv.kv.spring.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level property of an entity whose value is copied into the key's metadata, so that derived
 * queries ({@code findBy…}, {@code countBy…}, {@code existsBy…}) and sorts on it page through KV's
 * {@code list} without reading values.
 *
 * <p>Limits: all indexed values of one entity, as JSON, share KV's 1,024 bytes of metadata with the
 * logical expiry (a write that exceeds it fails with {@link IndexMetadataTooLargeException} naming the
 * property); only top-level properties are indexed (a path such as {@code address.city} is evaluated on
 * the value). Index small values: ids, emails, states, numbers, dates.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface Indexed {

}
