package dev.jrpc.internal.openrpc;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.TypeFactory;

/**
 * JSON Schemas (draft 7, as OpenRPC 1.3 uses) of the Java types of an interface, as jrpc's JSON
 * writes them: numbers, strings, booleans, {@code java.time} values as ISO-8601 strings with their
 * {@code format}, enums by name, collections as arrays, maps as objects, and records and beans as
 * objects whose properties are their components or getters, required unless JSpecify's
 * {@code @Nullable} or an {@code Optional} says they may be absent. Each record, bean and enum is
 * described once, under {@code #/components/schemas/<simple name>}, so that recursive types end.
 * A type it cannot describe (an {@code Object}, a type variable) is any JSON value.
 */
final class JsonSchemas {

	private static final JsonNodeFactory json = JsonNodeFactory.instance;

	private static final String NULLABLE = "org.jspecify.annotations.Nullable";

	private static final Map<Class<?>, String> FORMATS = Map.ofEntries(Map.entry(LocalDate.class, "date"),
			Map.entry(Instant.class, "date-time"), Map.entry(OffsetDateTime.class, "date-time"),
			Map.entry(ZonedDateTime.class, "date-time"), Map.entry(OffsetTime.class, "time"),
			Map.entry(Duration.class, "duration"), Map.entry(UUID.class, "uuid"), Map.entry(URI.class, "uri"),
			Map.entry(URL.class, "uri"));

	private final TypeFactory types;

	/** The named schemas so far, by name. */
	private final Map<String, ObjectNode> components = new TreeMap<>();

	/** The name given to each named type, so that two types of one simple name get two names. */
	private final Map<Class<?>, String> names = new HashMap<>();

	JsonSchemas(TypeFactory types) {
		this.types = types;
	}

	/** The named schemas every schema made here refers to. */
	ObjectNode components() {
		ObjectNode schemas = json.objectNode();
		this.components.forEach(schemas::set);
		return schemas;
	}

	/** The schema of {@code type}. */
	ObjectNode schemaOf(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw == Optional.class) {
			return schemaOf(type.containedTypeOrUnknown(0));
		}
		ObjectNode simple = simpleSchema(raw);
		if (simple != null) {
			return simple;
		}
		if (raw == byte[].class) {
			return json.objectNode().put("type", "string").put("contentEncoding", "base64");
		}
		if (type.isArrayType() || type.isCollectionLikeType()) {
			ObjectNode array = json.objectNode().put("type", "array");
			array.set("items", schemaOf(type.getContentType()));
			if (Set.class.isAssignableFrom(raw)) {
				array.put("uniqueItems", true);
			}
			return array;
		}
		if (type.isMapLikeType()) {
			ObjectNode map = json.objectNode().put("type", "object");
			map.set("additionalProperties", schemaOf(type.getContentType()));
			return map;
		}
		if (raw == Object.class || raw.isInterface() || raw.isPrimitive()
				|| Modifier.isAbstract(raw.getModifiers()) || raw.getName().startsWith("java.")) {
			return json.objectNode();
		}
		return reference(type);
	}

	/** The schema of a JSON scalar, or null when {@code raw} is not one. */
	private static @Nullable ObjectNode simpleSchema(Class<?> raw) {
		if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class) {
			return json.objectNode().put("type", "string");
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return json.objectNode().put("type", "boolean");
		}
		if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == byte.class
				|| raw == Byte.class || raw == OptionalInt.class) {
			return json.objectNode().put("type", "integer").put("format", "int32");
		}
		if (raw == long.class || raw == Long.class || raw == OptionalLong.class) {
			return json.objectNode().put("type", "integer").put("format", "int64");
		}
		if (raw == BigInteger.class) {
			return json.objectNode().put("type", "integer");
		}
		if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
				|| raw == BigDecimal.class || raw == OptionalDouble.class) {
			return json.objectNode().put("type", "number");
		}
		String format = FORMATS.get(raw);
		if (format != null) {
			return json.objectNode().put("type", "string").put("format", format);
		}
		if (raw == LocalDateTime.class || raw == LocalTime.class || raw == Period.class) {
			// ISO-8601 without an offset, which JSON Schema's formats require.
			return json.objectNode().put("type", "string").put("description", "ISO-8601 " + raw.getSimpleName());
		}
		return null;
	}

	/** A reference to the named schema of {@code type}, described first when it is not yet. */
	private ObjectNode reference(JavaType type) {
		Class<?> raw = type.getRawClass();
		String name = this.names.get(raw);
		if (name == null) {
			name = uniqueName(raw);
			this.names.put(raw, name);
			// Reserved before it is described, so that a type that refers to itself ends.
			ObjectNode described = json.objectNode();
			this.components.put(name, described);
			described.setAll(describe(type));
		}
		return json.objectNode().put("$ref", "#/components/schemas/" + name);
	}

	private String uniqueName(Class<?> raw) {
		String simple = raw.getSimpleName();
		return this.components.containsKey(simple) ? raw.getName().replace('$', '.') : simple;
	}

	private ObjectNode describe(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw.isEnum()) {
			ObjectNode schema = json.objectNode().put("type", "string");
			ArrayNode values = schema.putArray("enum");
			for (Object constant : raw.getEnumConstants()) {
				values.add(((Enum<?>) constant).name());
			}
			return schema;
		}
		ObjectNode schema = json.objectNode().put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = json.arrayNode();
		properties(type).forEach((name, property) -> {
			properties.set(name, schemaOf(this.types.resolveMemberType(property.type(), type.getBindings())));
			if (!property.optional()) {
				required.add(name);
			}
		});
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		return schema;
	}

	private record Property(java.lang.reflect.Type type, boolean optional) {
	}

	/** A record's components, or a bean's getters and public fields, in declaration order. */
	private static Map<String, Property> properties(JavaType type) {
		Class<?> raw = type.getRawClass();
		Map<String, Property> properties = new LinkedHashMap<>();
		if (raw.isRecord()) {
			for (RecordComponent component : raw.getRecordComponents()) {
				properties.put(component.getName(), new Property(component.getGenericType(),
						isOptional(component.getType(), component.getAnnotatedType(), component)));
			}
			return properties;
		}
		for (Method method : raw.getMethods()) {
			String name = propertyName(method);
			if (name != null) {
				properties.put(name, new Property(method.getGenericReturnType(),
						isOptional(method.getReturnType(), method.getAnnotatedReturnType(), method)));
			}
		}
		for (Field field : raw.getFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				properties.putIfAbsent(field.getName(), new Property(field.getGenericType(),
						isOptional(field.getType(), field.getAnnotatedType(), field)));
			}
		}
		return properties;
	}

	/** The property a getter reads, as Jackson names it: {@code getName} and {@code isActive}; null for other methods. */
	private static @Nullable String propertyName(Method method) {
		if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
				|| method.getDeclaringClass() == Object.class || method.getReturnType() == void.class) {
			return null;
		}
		String name = method.getName();
		if (name.startsWith("get") && name.length() > 3) {
			return decapitalize(name.substring(3));
		}
		if (name.startsWith("is") && name.length() > 2
				&& (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
			return decapitalize(name.substring(2));
		}
		return null;
	}

	private static String decapitalize(String name) {
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	/** Whether a value may be absent: an {@code Optional}, or marked JSpecify's {@code @Nullable}. */
	static boolean isOptional(Class<?> raw, AnnotatedType type, AnnotatedElement element) {
		if (raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
				|| raw == OptionalDouble.class) {
			return true;
		}
		return hasNullable(type.getAnnotations()) || hasNullable(element.getAnnotations());
	}

	private static boolean hasNullable(java.lang.annotation.Annotation[] annotations) {
		for (java.lang.annotation.Annotation annotation : annotations) {
			if (annotation.annotationType().getName().equals(NULLABLE)) {
				return true;
			}
		}
		return false;
	}

}
