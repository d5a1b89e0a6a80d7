package dev.jrpc.internal.protocol;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.jrpc.OneWay;
import dev.jrpc.RpcMethod;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.type.TypeBindings;
import tools.jackson.databind.type.TypeFactory;

/**
 * Parses an interface into the {@link RemoteMethod}s it offers over the wire, once, and rejects
 * what cannot be served with a message that names the method and the fix: anything that cannot
 * make the round trip through JSON is rejected here, when the proxy or the service is built (see
 * {@link TypeCheck}).
 */
public final class RemoteInterface {

	private RemoteInterface() {
	}

	/**
	 * The remote methods of {@code type}: every abstract or default method it declares or inherits,
	 * except static methods and the methods of {@link Object}. Their parameter and result types are
	 * checked against how {@code mapper} reads them.
	 * @throws IllegalArgumentException when a method cannot be served
	 */
	public static List<RemoteMethod> parse(Class<?> type, String service, String version, ObjectMapper mapper) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface: only interfaces can be remote");
		}
		TypeFactory typeFactory = mapper.getTypeFactory();
		TypeCheck typeCheck = new TypeCheck(mapper);
		JavaType interfaceType = typeFactory.constructType(type);
		Method[] methods = type.getMethods();
		Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount));
		List<RemoteMethod> result = new ArrayList<>();
		Map<String, Method> byNameAndArity = new HashMap<>();
		for (Method method : methods) {
			if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || isObjectMethod(method)) {
				continue;
			}
			RemoteMethod remote = parse(method, interfaceType, service, version, typeFactory, typeCheck);
			Method clash = byNameAndArity.putIfAbsent(remote.wireName() + '/' + method.getParameterCount(), method);
			if (clash != null) {
				throw new IllegalArgumentException(("Methods %s and %s both answer to '%s' with %d parameters: give one "
						+ "of them another wire name with @RpcMethod").formatted(describe(clash), describe(method),
								remote.wireName(), method.getParameterCount()));
			}
			result.add(remote);
		}
		return List.copyOf(result);
	}

	private static RemoteMethod parse(Method method, JavaType interfaceType, String service, String version,
			TypeFactory typeFactory, TypeCheck typeCheck) {
		String displayName = describe(method);
		if (method.getTypeParameters().length > 0) {
			throw error("a generic method cannot be remote: the caller cannot tell the server its type "
					+ "arguments; declare concrete types", method);
		}
		TypeBindings bindings = interfaceType.findSuperType(method.getDeclaringClass()).getBindings();
		List<JavaType> parameterTypes = new ArrayList<>();
		List<String> parameterNames = new ArrayList<>();
		for (Parameter parameter : method.getParameters()) {
			JavaType parameterType = resolve(parameter.getParameterizedType(), bindings, typeFactory, method);
			check(typeCheck, "parameter '" + parameter.getName() + "'", parameterType, method);
			parameterTypes.add(parameterType);
			parameterNames.add(parameter.getName());
		}
		Class<?> returnClass = method.getReturnType();
		boolean async = returnClass == CompletableFuture.class || returnClass == CompletionStage.class;
		if (!async && Future.class.isAssignableFrom(returnClass)) {
			throw error("a remote method can return CompletableFuture or CompletionStage, not "
					+ returnClass.getSimpleName(), method);
		}
		JavaType returnType = resolve(method.getGenericReturnType(), bindings, typeFactory, method);
		JavaType resultType = async ? returnType.containedTypeOrUnknown(0) : returnType;
		check(typeCheck, "the result", resultType, method);
		if (method.isAnnotationPresent(OneWay.class) && returnClass != void.class) {
			throw error("a @OneWay method gets no answer, so it must return void", method);
		}
		RpcMethod rename = method.getAnnotation(RpcMethod.class);
		String name = (rename != null) ? rename.value() : method.getName();
		if (name.isBlank()) {
			throw error("@RpcMethod needs a non-empty name", method);
		}
		return new RemoteMethod(method, JsonRpc.methodName(service, version, name), displayName,
				List.copyOf(parameterTypes), List.copyOf(parameterNames), resultType, async);
	}

	private static JavaType resolve(Type type, TypeBindings bindings, TypeFactory typeFactory, Method method) {
		JavaType resolved = typeFactory.resolveMemberType(type, bindings);
		checkNoTypeVariable(type, bindings, method);
		return resolved;
	}

	private static void check(TypeCheck typeCheck, String role, JavaType type, Method method) {
		String problem = typeCheck.problem(role, type);
		if (problem != null) {
			throw error(problem, method);
		}
	}

	/** A type variable the interface binds is fine; one left open would silently become Object. */
	private static void checkNoTypeVariable(Type type, TypeBindings bindings, Method method) {
		if (type instanceof TypeVariable<?> variable) {
			if (bindings.findBoundType(variable.getName()) == null) {
				throw error("type variable " + variable.getName() + " is not bound by the remote interface; "
						+ "extend the generic interface with concrete type arguments", method);
			}
		}
		else if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				checkNoTypeVariable(argument, bindings, method);
			}
		}
		else if (type instanceof GenericArrayType array) {
			checkNoTypeVariable(array.getGenericComponentType(), bindings, method);
		}
		else if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				checkNoTypeVariable(bound, bindings, method);
			}
		}
	}

	private static boolean isObjectMethod(Method method) {
		try {
			Object.class.getMethod(method.getName(), method.getParameterTypes());
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/** {@code Interface.method}, the way every message names a method. */
	public static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + '.' + method.getName();
	}

	private static IllegalArgumentException error(String problem, Method method) {
		return new IllegalArgumentException("Cannot call " + method.getDeclaringClass().getName() + '.'
				+ method.getName() + " remotely: " + problem + ", for method " + describe(method));
	}

}
