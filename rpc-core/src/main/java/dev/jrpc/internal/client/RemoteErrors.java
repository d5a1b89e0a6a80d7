package dev.jrpc.internal.client;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.internal.protocol.JsonRpc;
import tools.jackson.databind.JsonNode;

/**
 * Turns a JSON-RPC error object into a {@link CallFailure}. The remote exception's type is kept as
 * a name; no class named by the wire is loaded.
 */
final class RemoteErrors {

	private RemoteErrors() {
	}

	/** @param fromJrpc whether the error came from a jrpc server, on a native connection */
	static CallFailure toFailure(ClientMethod method, ServerAddress server, JsonNode error, boolean fromJrpc) {
		JsonNode code = error.get(JsonRpc.CODE);
		JsonNode message = error.get(JsonRpc.MESSAGE);
		JsonNode data = error.get(JsonRpc.DATA);
		String remoteType = null;
		if (data != null && data.isObject() && data.get(JsonRpc.EXCEPTION_TYPE_NAME) != null
				&& data.get(JsonRpc.EXCEPTION_TYPE_NAME).isString()) {
			remoteType = data.get(JsonRpc.EXCEPTION_TYPE_NAME).asString();
		}
		int codeValue = (code != null && code.canConvertToInt()) ? code.asInt() : RpcErrorCodes.INTERNAL_ERROR;
		String text = (message != null && message.isString()) ? message.asString() : "(no message)";
		return new CallFailure.Remote(method, server, codeValue, text, remoteType, fromJrpc);
	}

	/** A short description of an error object that answers no call, for logs and connection errors. */
	static String describe(JsonNode error) {
		JsonNode code = error.get(JsonRpc.CODE);
		JsonNode message = error.get(JsonRpc.MESSAGE);
		return "error " + ((code != null) ? code.asString() : "?") + ": "
				+ ((message != null && message.isString()) ? message.asString() : "(no message)");
	}

}
