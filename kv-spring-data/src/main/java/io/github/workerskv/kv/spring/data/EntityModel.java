package io.github.workerskv.kv.spring.data;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentProperty;
import org.springframework.data.mapping.AccessOptions;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What the adapter needs to know about one entity class: keyspace, id, version, indexed properties and
 * where its time to live comes from. Built once per class from the mapping context.
 */
final class EntityModel {

	private static final AccessOptions.GetOptions NULL_SAFE = AccessOptions.defaultGetOptions()
		.withNullValues(AccessOptions.GetOptions.GetNulls.EARLY_RETURN);

	private final Class<?> type;

	private final KeyValuePersistentEntity<?, ?> entity;

	private final MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context;

	private final KeyValuePersistentProperty<?> idProperty;

	private final Map<String, JavaType> indexed;

	private final @Nullable Method timeToLiveMethod;

	private final @Nullable KeyValuePersistentProperty<?> timeToLiveProperty;

	private final TimeUnit timeToLiveUnit;

	private final Map<String, PersistentPropertyPath<? extends PersistentProperty<?>>> paths = new ConcurrentHashMap<>();

	EntityModel(Class<?> type,
			MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context,
			ObjectMapper mapper) {
		this.type = type;
		this.context = context;
		this.entity = context.getRequiredPersistentEntity(type);
		if (!this.entity.hasIdProperty()) {
			throw new InvalidDataAccessApiUsageException("Entity " + type.getName()
					+ " has no id property: annotate one with @org.springframework.data.annotation.Id");
		}
		this.idProperty = this.entity.getRequiredIdProperty();
		if (this.entity.hasVersionProperty() && !Number.class
			.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(this.entity.getRequiredVersionProperty().getType()))) {
			throw new InvalidDataAccessApiUsageException("The @Version property of " + type.getName()
					+ " must be a number (Long, Integer, long, int) for KV repositories");
		}
		Map<String, JavaType> indexed = new LinkedHashMap<>();
		KeyValuePersistentProperty<?> ttlProperty = null;
		for (KeyValuePersistentProperty<?> property : this.entity.getPersistentProperties(Indexed.class)) {
			indexed.put(property.getName(), mapper.constructType(genericType(property)));
		}
		ttlProperty = this.entity.getPersistentProperty(TimeToLive.class);
		this.indexed = Collections.unmodifiableMap(indexed);
		this.timeToLiveProperty = ttlProperty;
		Method ttlMethod = null;
		if (ttlProperty == null) {
			List<Method> methods = new ArrayList<>();
			ReflectionUtils.doWithMethods(type, methods::add,
					(method) -> method.getParameterCount() == 0 && AnnotatedElementUtils.hasAnnotation(method, TimeToLive.class));
			if (!methods.isEmpty()) {
				ttlMethod = methods.get(0);
				ReflectionUtils.makeAccessible(ttlMethod);
			}
		}
		this.timeToLiveMethod = ttlMethod;
		TimeToLive annotation = (ttlProperty != null) ? ttlProperty.findAnnotation(TimeToLive.class)
				: (ttlMethod != null) ? AnnotatedElementUtils.findMergedAnnotation(ttlMethod, TimeToLive.class) : null;
		this.timeToLiveUnit = (annotation != null) ? annotation.unit() : TimeUnit.SECONDS;
	}

	private static Type genericType(KeyValuePersistentProperty<?> property) {
		if (property.getField() != null) {
			return property.getField().getGenericType();
		}
		if (property.getGetter() != null) {
			return property.getGetter().getGenericReturnType();
		}
		return property.getType();
	}

	Class<?> type() {
		return this.type;
	}

	String keyspace() {
		String keyspace = this.entity.getKeySpace();
		if (keyspace == null) {
			throw new InvalidDataAccessApiUsageException("Entity " + this.type.getName() + " has no keyspace");
		}
		return keyspace;
	}

	String idName() {
		return this.idProperty.getName();
	}

	Class<?> idType() {
		return this.idProperty.getType();
	}

	/** @return the indexed top-level properties by name, with the Jackson type of their values */
	Map<String, JavaType> indexed() {
		return this.indexed;
	}

	/** @return the Jackson type of an indexed property's values; the property must be indexed */
	JavaType indexedType(String property) {
		JavaType type = this.indexed.get(property);
		if (type == null) {
			throw new IllegalArgumentException("'" + property + "' is not an @Indexed property of " + type().getName());
		}
		return type;
	}

	/**
	 * @param path a property path
	 * @return whether it can be read from listed metadata (or the key): an indexed property or the id
	 */
	boolean isListable(String path) {
		return path.equals(idName()) || this.indexed.containsKey(path);
	}

	@Nullable Object id(Object bean) {
		return this.entity.getIdentifierAccessor(bean).getIdentifier();
	}

	/**
	 * @param bean an entity
	 * @param path a property path (nested allowed)
	 * @return its value, {@code null} if it or an intermediate value is {@code null}
	 */
	@Nullable Object value(Object bean, String path) {
		return this.entity.getPropertyPathAccessor(bean).getProperty(path(path), NULL_SAFE);
	}

	/**
	 * @param path a property path (nested allowed)
	 * @return the type of its values, primitives boxed
	 */
	Class<?> propertyType(String path) {
		return ClassUtils.resolvePrimitiveIfNecessary(path(path).getLeafProperty().getType());
	}

	private PersistentPropertyPath<? extends PersistentProperty<?>> path(String path) {
		return this.paths.computeIfAbsent(path, (p) -> {
			try {
				return this.context.getPersistentPropertyPath(p, this.type);
			}
			catch (RuntimeException ex) {
				throw new InvalidDataAccessApiUsageException("No property '" + p + "' on " + this.type.getName(), ex);
			}
		});
	}

	boolean hasVersion() {
		return this.entity.hasVersionProperty();
	}

	@Nullable Object version(Object bean) {
		return this.entity.getPropertyAccessor(bean).getProperty(this.entity.getRequiredVersionProperty());
	}

	/**
	 * Sets the next version: 0 for a new entity, the stored one plus one otherwise.
	 * @param bean the entity
	 * @param stored the stored version, or {@code null} if there is none
	 * @param conversion converts the number to the property's type
	 * @return the entity (the same instance)
	 */
	Object nextVersion(Object bean, @Nullable Object stored, ConversionService conversion) {
		KeyValuePersistentProperty<?> property = this.entity.getRequiredVersionProperty();
		long next = (stored == null) ? 0 : ((Number) stored).longValue() + 1;
		var accessor = this.entity.getPropertyAccessor(bean);
		accessor.setProperty(property, conversion.convert(next, property.getType()));
		return accessor.getBean();
	}

	/** @return whether entities of this type may carry their own time to live */
	boolean hasTimeToLive() {
		return this.timeToLiveProperty != null || this.timeToLiveMethod != null;
	}

	/**
	 * @param bean an entity
	 * @return its own time to live in milliseconds (zero or negative: never expires), or {@code null} if it has none
	 */
	@Nullable Long timeToLiveMillis(Object bean) {
		Object value;
		if (this.timeToLiveProperty != null) {
			value = this.entity.getPropertyAccessor(bean).getProperty(this.timeToLiveProperty);
		}
		else if (this.timeToLiveMethod != null) {
			value = ReflectionUtils.invokeMethod(this.timeToLiveMethod, bean);
		}
		else {
			return null;
		}
		if (value == null) {
			return null;
		}
		if (value instanceof Duration duration) {
			return duration.toMillis();
		}
		if (value instanceof Number number) {
			return this.timeToLiveUnit.toMillis(number.longValue());
		}
		throw new InvalidDataAccessApiUsageException("The @TimeToLive of " + this.type.getName() + " is a "
				+ value.getClass().getName() + "; it must be a number (in " + this.timeToLiveUnit + ") or a Duration");
	}

	@Override
	public String toString() {
		return this.type.getName();
	}

}
