package dev.jrpc.internal.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcMetadata;
import dev.jrpc.internal.protocol.JsonRpc;
import dev.jrpc.internal.protocol.RequestId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON-RPC request object straight into a call: the method is looked up as soon as its
 * name is read, and the parameters are read into the method's generic parameter types. Members may
 * come in any order; when {@code params} precede {@code method}, or reading fails half-way, the
 * message is read again from its start, which is cheap because a request is always whole in memory.
 */
final class RequestReader {

	private final MethodTable methods;

	RequestReader(MethodTable methods) {
		this.methods = methods;
	}

	/** Reads one request from the JSON text {@code source} opens; never throws. */
	InboundRequest read(Supplier<JsonParser> source) {
		try (JsonParser parser = source.get()) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return new InboundRequest.Invalid(RequestId.NULL, RpcErrorCodes.PARSE_ERROR, "Parse error: empty message");
			}
			if (first != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return invalid(RequestId.NULL, "a request must be a JSON object");
			}
			InboundRequest request = readObject(parser, source);
			if (request instanceof InboundRequest.Call && parser.nextToken() != null) {
				return new InboundRequest.Invalid(RequestId.NULL, RpcErrorCodes.PARSE_ERROR,
						"Parse error: data after the end of the request object");
			}
			return request;
		}
		catch (JacksonException ex) {
			return unreadable(ex);
		}
	}

	private InboundRequest readObject(JsonParser parser, Supplier<JsonParser> source) {
		Header header = new Header();
		@Nullable Object[] arguments = null;
		boolean paramsSeen = false;
		boolean paramsPending = false;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			if (name.equals(JsonRpc.PARAMS)) {
				if (paramsSeen) {
					header.duplicate = JsonRpc.PARAMS;
					parser.skipChildren();
					continue;
				}
				paramsSeen = true;
				if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
					header.paramsInvalid = true;
				}
				else if (header.method == null) {
					paramsPending = true;
					parser.skipChildren();
				}
				else {
					ServerMethod[] overloads = this.methods.overloads(header.method);
					if (overloads == null) {
						parser.skipChildren();
					}
					else {
						try {
							arguments = ParameterBinder.bind(parser, overloads, header);
						}
						catch (JacksonException | InvalidParamsException ex) {
							return failedParams(source, ex);
						}
					}
				}
			}
			else {
				header.read(name, parser);
			}
		}
		if (header.duplicate == null && header.isPing()) {
			return new InboundRequest.Ping(header.id);
		}
		InboundRequest invalid = header.validate(this.methods);
		if (invalid != null) {
			return invalid;
		}
		ServerMethod[] overloads = this.methods.overloads(header.method);
		try {
			if (paramsPending) {
				arguments = bindFromStart(source, overloads, header);
			}
			else if (!paramsSeen) {
				arguments = ParameterBinder.bindNone(overloads, header);
			}
		}
		catch (JacksonException | InvalidParamsException ex) {
			return failedParams(source, ex);
		}
		return new InboundRequest.Call(header.id, header.chosen, arguments, header.timeoutMillis,
				(header.meta != null) ? RpcMetadata.readOnly(header.meta) : RpcMetadata.empty());
	}

	private static @Nullable Object[] bindFromStart(Supplier<JsonParser> source, ServerMethod[] overloads,
			Header header) {
		try (JsonParser parser = source.get()) {
			parser.nextToken();
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				if (name.equals(JsonRpc.PARAMS)) {
					return ParameterBinder.bind(parser, overloads, header);
				}
				parser.skipChildren();
			}
			throw new IllegalStateException("params vanished on the second read");
		}
	}

	/**
	 * The parameters could not be read: tell a malformed message (-32700) from parameters of the
	 * wrong shape (-32602) by reading the message once more, structure only.
	 */
	private InboundRequest failedParams(Supplier<JsonParser> source, RuntimeException failure) {
		Header header = new Header();
		try (JsonParser parser = source.get()) {
			parser.nextToken();
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				header.read(name, parser);
			}
		}
		catch (JacksonException ex) {
			return unreadable(ex);
		}
		String message = (failure instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: failure.getMessage();
		ServerMethod[] overloads = this.methods.overloads(String.valueOf(header.method));
		String method = (overloads != null) ? anyOf(overloads).displayName() : String.valueOf(header.method);
		return new InboundRequest.Invalid(header.id, RpcErrorCodes.INVALID_PARAMS,
				"Invalid params for " + method + ": " + message);
	}

	static InboundRequest.Invalid unreadable(JacksonException failure) {
		if (failure instanceof StreamConstraintsException) {
			return invalid(RequestId.NULL, failure.getOriginalMessage());
		}
		return new InboundRequest.Invalid(RequestId.NULL, RpcErrorCodes.PARSE_ERROR,
				"Parse error: " + failure.getOriginalMessage());
	}

	private static InboundRequest.Invalid invalid(RequestId id, String problem) {
		return new InboundRequest.Invalid(id, RpcErrorCodes.INVALID_REQUEST, "Invalid Request: " + problem);
	}

	static ServerMethod anyOf(ServerMethod[] overloads) {
		for (ServerMethod method : overloads) {
			if (method != null) {
				return method;
			}
		}
		throw new IllegalStateException("empty overload table");
	}

	/** The members of a request other than {@code params}, as read so far. */
	static final class Header {

		@Nullable String version;

		@Nullable String method;

		boolean methodInvalid;

		RequestId id = RequestId.ABSENT;

		boolean idInvalid;

		boolean paramsInvalid;

		long timeoutMillis = -1;

		/** The {@code meta} member's names and values, when there is one. */
		@Nullable Map<String, JsonNode> meta;

		boolean metaInvalid;

		/** The overload the parameters were bound to. */
		@Nullable ServerMethod chosen;

		/**
		 * A member that came more than once, or null. Which one would count is not the reader's to
		 * guess: {@code params} read for one {@code method} could be bound to another.
		 */
		@Nullable String duplicate;

		/** The members read so far, one bit each, to find a duplicate. */
		private int seen;

		void read(String name, JsonParser parser) {
			JsonToken token = parser.currentToken();
			int bit = switch (name) {
				case JsonRpc.JSONRPC -> 1;
				case JsonRpc.METHOD -> 2;
				case JsonRpc.ID -> 4;
				case JsonRpc.TIMEOUT -> 8;
				case JsonRpc.META -> 16;
				default -> 0;
			};
			if ((this.seen & bit) != 0) {
				this.duplicate = name;
			}
			this.seen |= bit;
			switch (name) {
				case JsonRpc.JSONRPC -> this.version = (token == JsonToken.VALUE_STRING) ? parser.getString() : "";
				case JsonRpc.METHOD -> {
					if (token == JsonToken.VALUE_STRING) {
						this.method = parser.getString();
					}
					else {
						this.methodInvalid = true;
					}
				}
				case JsonRpc.ID -> {
					RequestId read = RequestId.read(parser);
					this.idInvalid = (read == null);
					this.id = (read != null) ? read : RequestId.NULL;
				}
				case JsonRpc.TIMEOUT -> {
					if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
						this.timeoutMillis = Math.max(0, parser.getLongValue());
					}
				}
				case JsonRpc.META -> {
					if (token == JsonToken.START_OBJECT) {
						this.meta = readMeta(parser);
						return;
					}
					this.metaInvalid = true;
				}
				default -> {
				}
			}
			parser.skipChildren();
		}

		private static Map<String, JsonNode> readMeta(JsonParser parser) {
			Map<String, JsonNode> values = new LinkedHashMap<>();
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				values.put(name, parser.readValueAsTree());
			}
			return values;
		}

		/** Whether this is a well-formed {@code rpc.ping}. */
		boolean isPing() {
			return JsonRpc.PING.equals(this.method) && JsonRpc.VERSION.equals(this.version) && !this.idInvalid;
		}

		/** The error this request must get before its parameters are looked at, or null. */
		@Nullable InboundRequest validate(MethodTable methods) {
			RequestId errorId = this.id.isAbsent() ? RequestId.NULL : this.id;
			if (this.idInvalid) {
				return invalid(RequestId.NULL, "id must be a string, a number or null");
			}
			if (this.duplicate != null) {
				return invalid(JsonRpc.ID.equals(this.duplicate) ? RequestId.NULL : errorId,
						"the member \"" + this.duplicate + "\" appears more than once");
			}
			if (!JsonRpc.VERSION.equals(this.version)) {
				return invalid(errorId, "jsonrpc must be \"2.0\"");
			}
			if (this.method == null || this.methodInvalid) {
				return invalid(errorId, "method must be a string");
			}
			if (this.paramsInvalid) {
				return invalid(errorId, "params must be an array or an object");
			}
			if (this.metaInvalid) {
				return invalid(errorId, "meta must be an object");
			}
			if (methods.overloads(this.method) == null) {
				return new InboundRequest.Invalid(this.id, RpcErrorCodes.METHOD_NOT_FOUND, notFound(methods, this.method));
			}
			return null;
		}

		private static String notFound(MethodTable methods, String method) {
			int dot = method.lastIndexOf('.');
			if (dot > 0 && !methods.hasPlainNames() && !methods.hasService(method.substring(0, dot))) {
				return "Method not found: no service '" + method.substring(0, dot) + "' is exported here";
			}
			return "Method not found: '" + method + "'";
		}

	}

}
