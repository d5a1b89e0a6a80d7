package dev.jrpc.internal.openrpc;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 7, as OpenRPC 1.3 uses) of the Java types of an interface, as the server's
 * own mapper writes them: numbers, strings, booleans, {@code java.time} values as ISO-8601 strings
 * with their {@code format}, enums by the value the mapper writes for each constant, collections
 * as arrays, maps as objects, and records and beans as objects with the properties Jackson finds
 * (its naming, {@code @JsonProperty} and {@code @JsonIgnore} included). A value JSpecify's
 * {@code @Nullable} or an {@code Optional} marks may be null; a property that may be null is not
 * required. Each record, bean and enum is described once, under
 * {@code #/components/schemas/<name>}, a generic one once per type arguments
 * ({@code PageOfUser}), so that recursive types end. A type it cannot describe (an
 * {@code Object}, an interface, a type variable) is any JSON value.
 */
final class JsonSchemas {

	private static final JsonNodeFactory json = JsonNodeFactory.instance;

	private static final String NULLABLE = "org.jspecify.annotations.Nullable";

	private static final Map<Class<?>, String> FORMATS = Map.ofEntries(Map.entry(LocalDate.class, "date"),
			Map.entry(Instant.class, "date-time"), Map.entry(OffsetDateTime.class, "date-time"),
			Map.entry(ZonedDateTime.class, "date-time"), Map.entry(OffsetTime.class, "time"),
			Map.entry(Duration.class, "duration"), Map.entry(UUID.class, "uuid"), Map.entry(URI.class, "uri"),
			Map.entry(URL.class, "uri"));

	private final ObjectMapper mapper;

	/** The named schemas so far, by name. */
	private final Map<String, ObjectNode> components = new TreeMap<>();

	/** The name given to each named type, so that two types of one simple name get two names. */
	private final Map<JavaType, String> names = new HashMap<>();

	JsonSchemas(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/** The named schemas every schema made here refers to. */
	ObjectNode components() {
		ObjectNode schemas = json.objectNode();
		this.components.forEach(schemas::set);
		return schemas;
	}

	/** The schema of {@code type}, which also admits null when {@code nullable}. */
	ObjectNode schemaOf(JavaType type, boolean nullable) {
		ObjectNode schema = schemaOf(type);
		if (!nullable && type.getRawClass() != Optional.class) {
			return schema;
		}
		ObjectNode either = json.objectNode();
		ArrayNode choices = either.putArray("oneOf");
		choices.add(schema);
		choices.addObject().put("type", "null");
		return either;
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
				|| (Modifier.isAbstract(raw.getModifiers()) && !raw.isEnum()) || raw.getName().startsWith("java.")) {
			return json.objectNode();
		}
		return reference(type);
	}

	/** The schema of a JSON scalar, or null when {@code raw} is not one. */
	private static @Nullable ObjectNode simpleSchema(Class<?> raw) {
		if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class
				|| raw == char[].class) {
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
		String name = this.names.get(type);
		if (name == null) {
			name = uniqueName(type);
			this.names.put(type, name);
			// Reserved before it is described, so that a type that refers to itself ends.
			ObjectNode described = json.objectNode();
			this.components.put(name, described);
			described.setAll(describe(type));
		}
		return json.objectNode().put("$ref", "#/components/schemas/" + name);
	}

	/** {@code User}, {@code PageOfUser} for {@code Page<User>}; the qualified name when the simple one is taken. */
	private String uniqueName(JavaType type) {
		String simple = nameOf(type);
		if (!this.components.containsKey(simple)) {
			return simple;
		}
		String qualified = type.getRawClass().getName().replace('$', '.') + simple.substring(
				type.getRawClass().getSimpleName().length());
		String name = qualified;
		for (int i = 2; this.components.containsKey(name); i++) {
			name = qualified + i;
		}
		return name;
	}

	private static String nameOf(JavaType type) {
		StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
		for (int i = 0; i < type.containedTypeCount(); i++) {
			name.append((i == 0) ? "Of" : "And").append(nameOf(type.containedType(i)));
		}
		return name.toString();
	}

	private ObjectNode describe(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw.isEnum()) {
			ObjectNode schema = json.objectNode();
			ArrayNode values = schema.putArray("enum");
			for (Object constant : raw.getEnumConstants()) {
				values.add(this.mapper.<JsonNode>valueToTree(constant));
			}
			return schema;
		}
		ObjectNode schema = json.objectNode().put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = json.arrayNode();
		SerializationConfig config = this.mapper.serializationConfig();
		ClassIntrospector introspector = config.classIntrospectorInstance();
		BeanDescription description = introspector.introspectForSerialization(type,
				introspector.introspectClassAnnotations(type));
		for (BeanPropertyDefinition property : description.findProperties()) {
			AnnotatedMember accessor = property.getAccessor();
			if (!property.couldSerialize() || accessor == null) {
				continue;
			}
			boolean nullable = mayBeNull(accessor);
			properties.set(property.getName(), schemaOf(accessor.getType(), nullable));
			if (!nullable) {
				required.add(property.getName());
			}
		}
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		return schema;
	}

	/** Whether the value a getter or field holds may be null. */
	private static boolean mayBeNull(AnnotatedMember accessor) {
		Member member = accessor.getMember();
		if (member instanceof Method method) {
			return mayBeNull(method.getReturnType(), method.getAnnotatedReturnType(), method);
		}
		if (member instanceof Field field) {
			return mayBeNull(field.getType(), field.getAnnotatedType(), field);
		}
		return false;
	}

	/** Whether a value may be null: an {@code Optional}, or marked JSpecify's {@code @Nullable}; never a primitive. */
	static boolean mayBeNull(Class<?> raw, AnnotatedType type, AnnotatedElement element) {
		if (raw.isPrimitive()) {
			return false;
		}
		if (raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
				|| raw == OptionalDouble.class) {
			return true;
		}
		return hasNullable(type.getAnnotations()) || hasNullable(element.getAnnotations());
	}

	private static boolean hasNullable(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getName().equals(NULLABLE)) {
				return true;
			}
		}
		return false;
	}

}
