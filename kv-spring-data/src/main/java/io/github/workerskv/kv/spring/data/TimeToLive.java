package io.github.workerskv.kv.spring.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks the property, or the no-argument method, that gives an entity's time to live when it is written,
 * as Spring Data Redis's {@code @TimeToLive} does.
 *
 * <p>The value is a number in {@link #unit()} or a {@link java.time.Duration}. {@code null} falls back to
 * the keyspace's default ({@link KVRepositoryOptions#withTimeToLive(String, java.time.Duration)}); zero or
 * a negative value means the entity never expires. KV itself expires keys no sooner than 60 seconds after
 * a write, so the exact expiry (to the millisecond) is also kept in the key's metadata and an entity is
 * treated as missing from that moment on, by reads, queries and counts alike; KV deletes the key at its
 * own expiration, {@code max(ttl, 60 s)} after the write.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface TimeToLive {

	/** @return the unit of a numeric value; ignored for a {@link java.time.Duration} */
	TimeUnit unit() default TimeUnit.SECONDS;

}
