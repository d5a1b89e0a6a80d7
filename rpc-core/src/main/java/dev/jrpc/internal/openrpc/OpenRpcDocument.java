package dev.jrpc.internal.openrpc;

import java.lang.reflect.Parameter;
import java.util.List;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.protocol.RemoteMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.TypeFactory;

/**
 * The OpenRPC 1.3 document of a server: one method per wire name, its parameters by name with
 * their JSON Schemas (by position or by name, as the server reads either), its result, and each
 * exception it declares as the error the server answers with when it is thrown (code -32000, the
 * exception type in {@code data.exceptionTypeName}); {@code @Deprecated} methods are marked so.
 * Built once, at startup.
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
	 * The document of {@code methods}.
	 * @param title the name of the API, as {@code info.title}
	 * @param version the version of the API, as {@code info.version}
	 */
	public static JsonNode of(List<RemoteMethod> methods, TypeFactory types, String title, String version) {
		JsonSchemas schemas = new JsonSchemas(types);
		ObjectNode document = json.objectNode().put("openrpc", OPENRPC_VERSION);
		document.putObject("info").put("title", title).put("version", version);
		ArrayNode described = document.putArray("methods");
		for (RemoteMethod method : methods) {
			described.add(method(method, schemas));
		}
		document.putObject("components").set("schemas", schemas.components());
		return document;
	}

	private static ObjectNode method(RemoteMethod method, JsonSchemas schemas) {
		ObjectNode described = json.objectNode().put("name", method.wireName()).put("paramStructure", "either");
		ArrayNode params = described.putArray("params");
		Parameter[] parameters = method.method().getParameters();
		for (int i = 0; i < method.parameterCount(); i++) {
			Parameter parameter = parameters[i];
			ObjectNode param = params.addObject().put("name", method.parameterNames().get(i));
			param.put("required", !JsonSchemas.isOptional(parameter.getType(), parameter.getAnnotatedType(), parameter));
			param.set("schema", schemas.schemaOf(method.parameterTypes().get(i)));
		}
		ObjectNode result = described.putObject("result").put("name", "result");
		if (method.returnsVoid()) {
			result.putObject("schema").put("type", "null");
		}
		else {
			result.set("schema", schemas.schemaOf(method.resultType()));
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
