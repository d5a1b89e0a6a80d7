package dev.jrpc.internal.openrpc;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.protocol.RemoteMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenRPC 1.3 document of a server: one method per wire name, its parameters by name with
 * their JSON Schemas (by position or by name, as the server reads either), its result, and each
 * exception it declares as the error the server answers with when it is thrown (code -32000, the
 * exception type in {@code data.exceptionTypeName}); {@code @Deprecated} methods are marked so.
 * Built once, at startup.
 * <p>
 * Overloads share a wire name, which OpenRPC allows once: the entry describes the overload with the
 * most parameters, and the parameters the shorter overloads do without are not required (a call
 * that leaves them out runs the overload of its number of parameters).
 */
public final class OpenRpcDocument {

	/** The method that answers with the document, as the OpenRPC specification names it. */
	public static final String METHOD = "rpc.discover";

	/** The version of the OpenRPC specification the document follows. */
	static final String OPENRPC_VERSION = "1.3.2";

	private static final JsonNodeFactory json = JsonNodeFactory.instance;

	private OpenRpcDocument() {
	}

	/**
	 * The document of {@code methods}, their schemas as {@code mapper} writes their types.
	 * @param title the name of the API, as {@code info.title}
	 * @param version the version of the API, as {@code info.version}
	 */
	public static JsonNode of(List<RemoteMethod> methods, ObjectMapper mapper, String title, String version) {
		JsonSchemas schemas = new JsonSchemas(mapper);
		ObjectNode document = json.objectNode().put("openrpc", OPENRPC_VERSION);
		document.putObject("info").put("title", title).put("version", version);
		ArrayNode described = document.putArray("methods");
		Map<String, List<RemoteMethod>> byName = new LinkedHashMap<>();
		for (RemoteMethod method : methods) {
			byName.computeIfAbsent(method.wireName(), (name) -> new ArrayList<>()).add(method);
		}
		for (List<RemoteMethod> overloads : byName.values()) {
			described.add(method(overloads, schemas));
		}
		document.putObject("components").set("schemas", schemas.components());
		return document;
	}

	private static ObjectNode method(List<RemoteMethod> overloads, JsonSchemas schemas) {
		RemoteMethod method = overloads.get(0);
		int fewest = method.parameterCount();
		for (RemoteMethod overload : overloads) {
			fewest = Math.min(fewest, overload.parameterCount());
			if (overload.parameterCount() > method.parameterCount()) {
				method = overload;
			}
		}
		ObjectNode described = json.objectNode().put("name", method.wireName()).put("paramStructure", "either");
		ArrayNode params = described.putArray("params");
		Parameter[] parameters = method.method().getParameters();
		for (int i = 0; i < method.parameterCount(); i++) {
			Parameter parameter = parameters[i];
			ObjectNode param = params.addObject().put("name", method.parameterNames().get(i));
			param.put("required", i < fewest);
			param.set("schema", schemas.schemaOf(method.parameterTypes().get(i),
					JsonSchemas.mayBeNull(parameter.getType(), parameter.getAnnotatedType(), parameter)));
		}
		ObjectNode result = described.putObject("result").put("name", "result");
		if (method.returnsVoid()) {
			result.putObject("schema").put("type", "null");
		}
		else {
			result.set("schema", schemas.schemaOf(method.resultType(), JsonSchemas.mayBeNull(
					method.method().getReturnType(), method.method().getAnnotatedReturnType(), method.method())));
		}
		Class<?>[] declared = method.method().getExceptionTypes();
		if (declared.length > 0) {
			ArrayNode errors = described.putArray("errors");
			for (Class<?> exception : declared) {
				ObjectNode error = errors.addObject()
					.put("code", RpcErrorCodes.APPLICATION_ERROR)
					.put("message", exception.getSimpleName());
				error.putObject("data").put("exceptionTypeName", exception.getName());
			}
		}
		if (method.method().isAnnotationPresent(Deprecated.class)) {
			described.put("deprecated", true);
		}
		return described;
	}

}
