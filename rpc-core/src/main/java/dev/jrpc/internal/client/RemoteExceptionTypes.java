package dev.jrpc.internal.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The exception types a call may rethrow as themselves: those in the method's {@code throws}
 * clause and a short fixed list of common JDK runtime exceptions. They are classes the interface
 * or the JDK already loaded; a name that came from the wire only ever selects among them, and any
 * other name stays a name.
 */
final class RemoteExceptionTypes {

	/** JDK runtime exceptions rethrown as themselves whatever the method declares. */
	static final List<Class<? extends RuntimeException>> COMMON = List.of(IllegalArgumentException.class,
			IllegalStateException.class, UnsupportedOperationException.class, NullPointerException.class,
			NoSuchElementException.class, IndexOutOfBoundsException.class, ArithmeticException.class,
			ConcurrentModificationException.class);

	private static final Map<String, Constructor<? extends Throwable>> COMMON_CONSTRUCTORS = constructors(
			COMMON.toArray(Class<?>[]::new));

	private final Map<String, Constructor<? extends Throwable>> constructors;

	private RemoteExceptionTypes(Map<String, Constructor<? extends Throwable>> constructors) {
		this.constructors = constructors;
	}

	static RemoteExceptionTypes of(Method method) {
		Map<String, Constructor<? extends Throwable>> all = new HashMap<>(COMMON_CONSTRUCTORS);
		all.putAll(constructors(method.getExceptionTypes()));
		return new RemoteExceptionTypes(Map.copyOf(all));
	}

	/**
	 * A new exception of the type named {@code remoteType} with {@code message}, or null when that
	 * type is not one the method may rethrow.
	 */
	@Nullable Throwable create(@Nullable String remoteType, String message) {
		Constructor<? extends Throwable> constructor = (remoteType != null) ? this.constructors.get(remoteType) : null;
		if (constructor == null) {
			return null;
		}
		try {
			return constructor.newInstance(message);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/** The public {@code (String message)} constructors of the given exception types, by type name. */
	@SuppressWarnings("unchecked")
	private static Map<String, Constructor<? extends Throwable>> constructors(Class<?>[] types) {
		Map<String, Constructor<? extends Throwable>> result = new HashMap<>();
		for (Class<?> type : types) {
			try {
				Constructor<?> constructor = type.getConstructor(String.class);
				result.put(type.getName(), (Constructor<? extends Throwable>) constructor);
			}
			catch (NoSuchMethodException ex) {
				// Without a message constructor, the type arrives as an RpcRemoteException naming it.
			}
		}
		return result;
	}

}
