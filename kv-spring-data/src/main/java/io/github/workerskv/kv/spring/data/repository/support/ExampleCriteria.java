package io.github.workerskv.kv.spring.data.repository.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.workerskv.kv.spring.data.KVCondition;
import io.github.workerskv.kv.spring.data.KVCriteria;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.support.ExampleMatcherAccessor;

/**
 * Maps a Query by Example probe onto {@link KVCriteria}: one condition per set property (nested objects
 * property by property), strings by the matcher's {@link ExampleMatcher.StringMatcher}, everything else by
 * equality; {@code null}s are left out unless the matcher includes them. Primitive properties are always
 * set, as everywhere in Spring Data: ignore them with {@code withIgnorePaths} when they should not count.
 */
final class ExampleCriteria {

	private final MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context;

	ExampleCriteria(
			MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context) {
		this.context = context;
	}

	@Nullable KVCriteria criteria(Example<?> example) {
		ExampleMatcherAccessor matcher = new ExampleMatcherAccessor(example.getMatcher());
		List<KVCondition> conditions = new ArrayList<>();
		collect("", example.getProbe(), matcher, conditions);
		if (conditions.isEmpty()) {
			return null;
		}
		if (example.getMatcher().isAllMatching()) {
			return KVCriteria.allOf(conditions);
		}
		KVCriteria any = KVCriteria.allOf(conditions.get(0));
		for (KVCondition condition : conditions.subList(1, conditions.size())) {
			any = any.or(KVCriteria.allOf(condition));
		}
		return any;
	}

	private void collect(String prefix, Object bean, ExampleMatcherAccessor matcher, List<KVCondition> conditions) {
		KeyValuePersistentEntity<?, ?> entity = this.context.getRequiredPersistentEntity(bean.getClass());
		PersistentPropertyAccessor<?> accessor = entity.getPropertyAccessor(bean);
		for (KeyValuePersistentProperty<?> property : entity) {
			String path = prefix + property.getName();
			if (matcher.isIgnoredPath(path)) {
				continue;
			}
			Optional<Object> transformed = matcher.getValueTransformerForPath(path)
				.apply(Optional.ofNullable(accessor.getProperty(property)));
			Object value = transformed.orElse(null);
			if (value == null) {
				if (matcher.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE) {
					conditions.add(KVCondition.of(path, Part.Type.IS_NULL, List.of(), false));
				}
				continue;
			}
			if (property.isEntity() && !property.isCollectionLike() && !property.isMap()) {
				collect(path + ".", value, matcher, conditions);
				continue;
			}
			conditions.add(condition(path, value, matcher));
		}
	}

	private static KVCondition condition(String path, Object value, ExampleMatcherAccessor matcher) {
		if (!(value instanceof String)) {
			return KVCondition.of(path, Part.Type.SIMPLE_PROPERTY, List.of(value), false);
		}
		boolean ignoreCase = matcher.isIgnoreCaseForPath(path);
		Part.Type type = switch (matcher.getStringMatcherForPath(path)) {
			case DEFAULT, EXACT -> Part.Type.SIMPLE_PROPERTY;
			case STARTING -> Part.Type.STARTING_WITH;
			case ENDING -> Part.Type.ENDING_WITH;
			case CONTAINING -> Part.Type.CONTAINING;
			case REGEX -> Part.Type.REGEX;
		};
		return KVCondition.of(path, type, List.of(value), ignoreCase);
	}

}
