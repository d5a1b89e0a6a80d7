package dev.jrpc.internal.server;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code params} into a method's arguments: a JSON array binds by position, a JSON object by
 * parameter name. With one overload the values are read straight from the parser; with several,
 * the parameters are read as a tree first, to count them and choose.
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
		JsonNode tree = parser.readValueAsTree();
		ServerMethod method = chooseByCount(overloads, tree.size());
		header.chosen = method;
		return positional ? bindPositional(tree, method) : bindNamed(tree, method);
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
		checkMissing(method, seen);
		return arguments;
	}

	private static @Nullable Object[] bindPositional(JsonNode array, ServerMethod method) {
		@Nullable Object[] arguments = new Object[method.parameterCount()];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = read(array.get(i), method, i);
		}
		return arguments;
	}

	private static @Nullable Object[] bindNamed(JsonNode object, ServerMethod method) {
		@Nullable Object[] arguments = new Object[method.parameterCount()];
		boolean[] seen = new boolean[arguments.length];
		Iterator<Map.Entry<String, JsonNode>> members = object.properties().iterator();
		while (members.hasNext()) {
			Map.Entry<String, JsonNode> member = members.next();
			int index = indexOf(method, member.getKey());
			arguments[index] = read(member.getValue(), method, index);
			seen[index] = true;
		}
		checkMissing(method, seen);
		return arguments;
	}

	private static @Nullable Object read(JsonParser parser, ServerMethod method, int index) {
		if (parser.currentToken() == JsonToken.VALUE_NULL) {
			return nullArgument(method, index);
		}
		return method.parameterReader(index).readValue(parser);
	}

	private static @Nullable Object read(JsonNode node, ServerMethod method, int index) {
		if (node.isNull()) {
			return nullArgument(method, index);
		}
		return method.parameterReader(index).readValue(node);
	}

	private static @Nullable Object nullArgument(ServerMethod method, int index) {
		if (method.isPrimitive(index)) {
			throw new InvalidParamsException("parameter '" + method.parameterNames().get(index) + "' of "
					+ method.displayName() + " is a primitive and cannot be null");
		}
		return null;
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

	private static void checkMissing(ServerMethod method, boolean[] seen) {
		for (int i = 0; i < seen.length; i++) {
			if (!seen[i] && method.isPrimitive(i)) {
				throw new InvalidParamsException("parameter '" + method.parameterNames().get(i) + "' of "
						+ method.displayName() + " is a primitive and must be given");
			}
		}
	}

}
