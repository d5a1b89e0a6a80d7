package dev.jrpc.internal.openrpc;

import dev.jrpc.RpcMethod;
import tools.jackson.databind.JsonNode;

/** The built-in method {@code rpc.discover}, served as the exported methods are: through the interceptors. */
public interface Discovery {

	@RpcMethod(OpenRpcDocument.METHOD)
	JsonNode discover();

}
