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

	/**
	 * @param fromJrpc whether the error came from a jrpc server, on a native connection
	 * @param sentAway whether that server had sent the connection away: a "busy" refusal then came
	 * from a request that crossed its {@code rpc.goaway}, and is a connection going away, which a new
	 * connection to the same server may take, not a busy server
	 */
	static CallFailure toFailure(ClientMethod method, ServerAddress server, JsonNode error, boolean fromJrpc,
			boolean sentAway) {
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
		CallFailure.Remote failure = new CallFailure.Remote(method, server, codeValue, text, remoteType, fromJrpc);
		if (sentAway && failure.retry() == CallFailure.Retry.NOT_RUN) {
			return new CallFailure.Connection(method.displayName() + " was not run: " + server
					+ " closes this connection", null, true, true);
		}
		return failure;
	}

	/** A short description of an error object that answers no call, for logs and connection errors. */
	static String describe(JsonNode error) {
		JsonNode code = error.get(JsonRpc.CODE);
		JsonNode message = error.get(JsonRpc.MESSAGE);
		return "error " + ((code != null) ? code.asString() : "?") + ": "
				+ ((message != null && message.isString()) ? message.asString() : "(no message)");
	}

}
