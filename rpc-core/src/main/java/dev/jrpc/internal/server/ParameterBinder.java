package dev.jrpc.internal.server;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads {@code params} into a method's arguments: a JSON array binds by position, a JSON object by
 * parameter name. With one overload the values are read straight from the parser; with several,
 * the parameters are buffered as tokens first, which keeps every number exactly as sent, to count
 * them and choose.
 */
final class ParameterBinder {

	private ParameterBinder() {
	}

	/** Binds the array or object at the parser's current token; records the chosen overload. */
	static @Nullable Object[] bind(JsonParser parser, ServerMethod[] overloads, RequestReader.Header header) {
		boolean positional = parser.currentToken() == JsonToken.START_ARRAY;
		ServerMethod single = single(overloads);
		if (single != null) {
			header.chosen = single;
			return positional ? bindPositional(parser, single) : bindNamed(parser, single);
		}
		ObjectReadContext context = parser.objectReadContext();
		TokenBuffer buffer = TokenBuffer.forBuffering(parser, context);
		buffer.copyCurrentStructure(parser);
		ServerMethod method = chooseByCount(overloads, count(buffer.asParserOnFirstToken(context)));
		header.chosen = method;
		try (JsonParser replay = buffer.asParserOnFirstToken(context)) {
			return positional ? bindPositional(replay, method) : bindNamed(replay, method);
		}
	}

	/** The number of elements or members of the array or object at the parser's current token. */
	private static int count(JsonParser parser) {
		int count = 0;
		try (parser) {
			if (parser.currentToken() == JsonToken.START_ARRAY) {
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					parser.skipChildren();
					count++;
				}
			}
			else {
				while (parser.nextName() != null) {
					parser.nextToken();
					parser.skipChildren();
					count++;
				}
			}
		}
		return count;
	}

	/** No {@code params} member: only a method without parameters fits. */
	static @Nullable Object[] bindNone(ServerMethod[] overloads, RequestReader.Header header) {
		header.chosen = chooseByCount(overloads, 0);
		return new Object[0];
	}

	private static @Nullable ServerMethod single(ServerMethod[] overloads) {
		ServerMethod found = null;
		for (ServerMethod method : overloads) {
			if (method != null) {
				if (found != null) {
					return null;
				}
				found = method;
			}
		}
		return found;
	}

	private static ServerMethod chooseByCount(ServerMethod[] overloads, int count) {
		if (count < overloads.length && overloads[count] != null) {
			return overloads[count];
		}
		ServerMethod any = RequestReader.anyOf(overloads);
		StringBuilder counts = new StringBuilder();
		for (int i = 0; i < overloads.length; i++) {
			if (overloads[i] != null) {
				counts.append(counts.isEmpty() ? "" : " or ").append(i);
			}
		}
		throw new InvalidParamsException(any.displayName() + " takes " + counts + " parameters, got " + count);
	}

	private static @Nullable Object[] bindPositional(JsonParser parser, ServerMethod method) {
		int count = method.parameterCount();
		@Nullable Object[] arguments = new Object[count];
		int index = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (index < count) {
				arguments[index] = read(parser, method, index);
			}
			else {
				parser.skipChildren();
			}
			index++;
		}
		if (index != count) {
			throw new InvalidParamsException(method.displayName() + " takes " + count + " parameters, got " + index);
		}
		return arguments;
	}

	private static @Nullable Object[] bindNamed(JsonParser parser, ServerMethod method) {
		@Nullable Object[] arguments = new Object[method.parameterCount()];
		boolean[] seen = new boolean[arguments.length];
		String name;
		while ((name = parser.nextName()) != null) {
			int index = indexOf(method, name);
			parser.nextToken();
			arguments[index] = read(parser, method, index);
			seen[index] = true;
		}
		fillMissing(method, arguments, seen);
		return arguments;
	}

	/** A JSON null is read too, so that the parameter's type decides: an {@code Optional} gets empty. */
	private static @Nullable Object read(JsonParser parser, ServerMethod method, int index) {
		if (parser.currentToken() == JsonToken.VALUE_NULL) {
			checkNullable(method, index);
		}
		return method.parameterReader(index).readValue(parser);
	}

	private static void checkNullable(ServerMethod method, int index) {
		if (method.isPrimitive(index)) {
			throw new InvalidParamsException("parameter '" + method.parameterNames().get(index) + "' of "
					+ method.displayName() + " is a primitive and cannot be null");
		}
	}

	private static int indexOf(ServerMethod method, String name) {
		List<String> names = method.parameterNames();
		int index = names.indexOf(name);
		if (index < 0) {
			throw new InvalidParamsException(method.displayName() + " has no parameter named '" + name
					+ "'; its parameters are " + names);
		}
		return index;
	}

	/** A parameter left out is what JSON null reads as (an {@code Optional} is empty); a primitive must be given. */
	private static void fillMissing(ServerMethod method, @Nullable Object[] arguments, boolean[] seen) {
		for (int i = 0; i < seen.length; i++) {
			if (!seen[i]) {
				if (method.isPrimitive(i)) {
					throw new InvalidParamsException("parameter '" + method.parameterNames().get(i) + "' of "
							+ method.displayName() + " is a primitive and must be given");
				}
				arguments[i] = method.absentValue(i);
			}
		}
	}

}
