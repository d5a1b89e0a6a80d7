package dev.jrpc.internal.client;

import java.util.function.LongFunction;
import java.util.function.Supplier;

import dev.jrpc.internal.protocol.JsonRpc;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a response object and completes the call it answers. The result is read straight into
 * the method's return type when the {@code id} comes first, as jrpc's server writes it; when it
 * comes after the result, as other servers may write it, the message is read a second time.
 */
final class ResponseReader {

	/**
	 * A message that answers no call of ours: an error about the connection itself, a stray
	 * response, or a notification from the server such as {@code rpc.goaway}.
	 */
	record Unmatched(@Nullable Long id, @Nullable JsonNode error, @Nullable String method, @Nullable JsonNode params) {

		/** The highest id the server accepted, when this is a {@code rpc.goaway}; else -1. */
		long goawayLastId() {
			if (!JsonRpc.GOAWAY.equals(this.method)) {
				return -1;
			}
			JsonNode lastId = (this.params != null) ? this.params.get(JsonRpc.LAST_ID) : null;
			return (lastId != null && lastId.canConvertToLong()) ? Math.max(0, lastId.asLong()) : 0;
		}

	}

	private ResponseReader() {
	}

	/**
	 * Reads one response and completes its call from {@code calls}, which removes it.
	 * @param sentAway whether the server sent the connection away ({@code rpc.goaway}) before this
	 * response: its "busy" refusals then mean that a new connection may take the call
	 * @return null when a call was completed or the response was for a call already given up,
	 * otherwise what the response said
	 * @throws JacksonException when the message is not a JSON-RPC response
	 */
	static @Nullable Unmatched read(Supplier<JsonParser> source, LongFunction<@Nullable PendingCall> calls,
			ServerAddress server, boolean fromJrpc, boolean sentAway) {
		try (JsonParser parser = source.get()) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("a response must be a JSON object");
			}
			Long id = null;
			PendingCall call = null;
			boolean resultLater = false;
			JsonNode error = null;
			String method = null;
			JsonNode params = null;
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case JsonRpc.ID -> {
						if (id == null && token == JsonToken.VALUE_NUMBER_INT
								&& parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
							id = parser.getLongValue();
							call = calls.apply(id);
							if (call == null) {
								return null;
							}
						}
						else {
							parser.skipChildren();
						}
					}
					case JsonRpc.RESULT -> {
						if (call != null) {
							complete(call, parser, server);
							return null;
						}
						resultLater = true;
						parser.skipChildren();
					}
					case JsonRpc.ERROR -> error = parser.readValueAsTree();
					case JsonRpc.METHOD -> {
						if (token == JsonToken.VALUE_STRING) {
							method = parser.getString();
						}
						else {
							parser.skipChildren();
						}
					}
					case JsonRpc.PARAMS -> params = parser.readValueAsTree();
					default -> parser.skipChildren();
				}
			}
			if (call != null && call.method() == null) {
				// A keepalive ping: any answer, even an error from a server that knows no rpc.ping, shows it is alive.
				call.complete(null);
				return null;
			}
			if (call != null && error != null) {
				call.complete(error.isObject() ? RemoteErrors.toFailure(call.method(), server, error, fromJrpc, sentAway)
						: new CallFailure.Protocol(call.method().displayName() + ": the response from " + server
								+ " has an error member that is not an object", null));
				return null;
			}
			if (call != null && resultLater) {
				completeFromStart(source, call, server);
				return null;
			}
			if (call != null) {
				call.complete(new CallFailure.Protocol(call.method().displayName() + ": the response from " + server
						+ " has neither result nor error", null));
				return null;
			}
			return new Unmatched(id, error, method, params);
		}
	}

	private static void completeFromStart(Supplier<JsonParser> source, PendingCall call, ServerAddress server) {
		try (JsonParser parser = source.get()) {
			parser.nextToken();
			String name;
			while ((name = parser.nextName()) != null) {
				parser.nextToken();
				if (name.equals(JsonRpc.RESULT)) {
					complete(call, parser, server);
					return;
				}
				parser.skipChildren();
			}
		}
	}

	/**
	 * Reads the result at the parser's current token into the call's return type. A result that is
	 * valid JSON of another type (or a number out of the type's range), or that passes a read limit,
	 * fails the call alone; JSON that cannot be read at all is thrown, and costs the connection.
	 */
	private static void complete(PendingCall call, JsonParser parser, ServerAddress server) {
		ClientMethod method = call.method();
		if (method == null || method.returnsVoid()) {
			parser.skipChildren();
			call.complete(null);
			return;
		}
		try {
			call.complete(method.resultReader().readValue(parser));
		}
		catch (DatabindException | InputCoercionException ex) {
			call.complete(new CallFailure.Protocol(method.displayName() + ": the result from " + server
					+ " does not fit the return type " + method.remote().resultType().toCanonical() + ": "
					+ ex.getOriginalMessage(), ex));
		}
		catch (StreamConstraintsException ex) {
			call.complete(new CallFailure.Protocol(method.displayName() + ": the result from " + server
					+ " passes a read limit: " + ex.getOriginalMessage(), ex));
		}
	}

}
