package dev.jrpc;

/**
 * How a client delimits messages on its connections to a server.
 */
public enum RpcFraming {

	/** jrpc's own frames: a 4-byte big-endian length, then the JSON. The default, and the fastest. */
	NATIVE,

	/**
	 * JSON texts one after another, each request followed by a newline: for JSON-RPC servers that
	 * read a plain stream, such as jsonrpc4j's {@code StreamServer}.
	 */
	JSON_STREAM

}
