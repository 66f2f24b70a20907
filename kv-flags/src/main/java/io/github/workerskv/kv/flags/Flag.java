package io.github.workerskv.kv.flags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the flag a record component of {@link FeatureFlags#getFlags(String, Class)} reads, where the flag's
 * name is not the component's (for example {@code @Flag("new-checkout") boolean newCheckout}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
public @interface Flag {

	/** @return the flag's name in the document */
	String value();

}
