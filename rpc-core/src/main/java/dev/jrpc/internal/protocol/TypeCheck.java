package dev.jrpc.internal.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;

/**
 * Tells whether a type a remote method declares can cross the wire and come back as itself, by
 * asking the mapper how it would read it, and names what stops it when it cannot. A type is
 * checked with every type it is made of: array components, the elements, keys and values of
 * collections, maps and {@code Optional}, and the type arguments of generic classes.
 * <p>
 * Refused: JDK infrastructure, which means nothing on the wire (threads, class loaders, classes,
 * reflection, streams, sockets, futures); abstract types the mapper can only read with type
 * information that they do not declare; classes it has no constructor or factory to create; map
 * keys it cannot read back from a JSON member name. Finding a deserializer builds it, as making
 * an {@code ObjectReader} does anyway; no instance of any application class is created.
 */
final class TypeCheck {

	/** JDK types that stand for a resource or a piece of the running program, not for data. */
	private static final List<Class<?>> INFRASTRUCTURE = List.of(Thread.class, ThreadGroup.class, ClassLoader.class,
			Class.class, Package.class, Module.class, InputStream.class, OutputStream.class, Reader.class,
			Writer.class, Channel.class, Socket.class, ServerSocket.class, DatagramSocket.class);

	private final DeserializationContext context;

	TypeCheck(ObjectMapper mapper) {
		// Jackson 3's only public way to ask which deserializer the mapper would use; the leading
		// underscore marks it as meant for code that extends Jackson, as this does.
		this.context = mapper._deserializationContext();
	}

	/**
	 * What stops {@code type} from making the round trip, as the end of a sentence that starts with
	 * {@code role} ("parameter 'name'", "the result"); null when nothing does.
	 */
	@Nullable String problem(String role, JavaType type) {
		String problem = check(type, new HashSet<>());
		return (problem != null) ? role + " of type " + name(type) + ": " + problem : null;
	}

	private @Nullable String check(JavaType type, Set<JavaType> seen) {
		Class<?> raw = type.getRawClass();
		if (type.isPrimitive() || raw == Void.class || !seen.add(type)) {
			return null;
		}
		if (Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
			return name(type) + " cannot be sent: only the return type itself may be a CompletableFuture or "
					+ "CompletionStage, of a value; declare the value's type";
		}
		if (isInfrastructure(raw)) {
			return raw.getName() + " is JDK infrastructure that means nothing on the wire; send the data it "
					+ "stands for instead (a String, a byte[], a record)";
		}
		if (type.getKeyType() != null) {
			String key = checkKey(type.getKeyType(), seen);
			if (key != null) {
				return key;
			}
		}
		String own = checkReadable(type);
		if (own != null) {
			return own;
		}
		if (type.getContentType() != null) {
			return check(type.getContentType(), seen);
		}
		for (JavaType argument : type.getBindings().getTypeParameters()) {
			String inner = check(argument, seen);
			if (inner != null) {
				return inner;
			}
		}
		return null;
	}

	private static boolean isInfrastructure(Class<?> raw) {
		String packageName = raw.getPackageName();
		if (packageName.equals("java.lang.reflect") || packageName.equals("java.lang.invoke")) {
			return true;
		}
		for (Class<?> infrastructure : INFRASTRUCTURE) {
			if (infrastructure.isAssignableFrom(raw)) {
				return true;
			}
		}
		return false;
	}

	/** Asks the mapper for the deserializer it would read {@code type} with. */
	private @Nullable String checkReadable(JavaType type) {
		ValueDeserializer<Object> deserializer;
		try {
			deserializer = this.context.findRootValueDeserializer(type);
		}
		catch (JacksonException ex) {
			return "Jackson cannot read " + name(type) + ": " + ex.getOriginalMessage();
		}
		Class<?> raw = type.getRawClass();
		if (deserializer instanceof AbstractDeserializer) {
			String kind = raw.isInterface() ? "an interface" : "an abstract class";
			String fix = isJdkType(raw) ? "declare a concrete type instead"
					: "declare @JsonTypeInfo(use = NAME) and @JsonSubTypes on " + raw.getSimpleName()
							+ ", or @JsonDeserialize(as = ...) with a concrete class, or declare a concrete type";
			return raw.getSimpleName() + " is " + kind + " that Jackson cannot create without type information; "
					+ fix;
		}
		if (deserializer instanceof BeanDeserializerBase bean && !bean.getValueInstantiator().canInstantiate()) {
			return "Jackson has no way to create " + raw.getSimpleName() + ": it has no no-argument constructor, "
					+ "no @JsonCreator constructor or factory, and is not a record; add one of them";
		}
		return null;
	}

	private @Nullable String checkKey(JavaType key, Set<JavaType> seen) {
		try {
			this.context.findKeyDeserializer(key, null);
		}
		catch (JacksonException ex) {
			return "Jackson cannot read a map key of type " + name(key) + " back from a JSON member name; use "
					+ "String, a number, an enum, UUID or a java.time type as the key";
		}
		return check(key, seen);
	}

	private static boolean isJdkType(Class<?> type) {
		return type.getClassLoader() == null;
	}

	/** A type as it reads in source code, with simple names: {@code Map<String, List<Item>>}. */
	private static String name(JavaType type) {
		if (type.isArrayType()) {
			return name(type.getContentType()) + "[]";
		}
		String simple = type.getRawClass().getSimpleName();
		if (type.containedTypeCount() == 0) {
			return simple;
		}
		StringJoiner arguments = new StringJoiner(", ", simple + "<", ">");
		for (int i = 0; i < type.containedTypeCount(); i++) {
			arguments.add(name(type.containedType(i)));
		}
		return arguments.toString();
	}

}
