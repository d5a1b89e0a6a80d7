package dev.jrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The metadata of a call: the optional {@code meta} object of a JSON-RPC request, string names
 * with JSON values. Client interceptors write it, server interceptors and services read it (see
 * {@link RpcContext#metadata()}). On the server it is read-only. Metadata is not for payloads: it
 * is read whole before the call runs, and it is never logged.
 */
public final class RpcMetadata {

	private static final RpcMetadata EMPTY = new RpcMetadata(Map.of(), false);

	private final Map<String, JsonNode> values;

	private final boolean writable;

	private RpcMetadata(Map<String, JsonNode> values, boolean writable) {
		this.values = values;
		this.writable = writable;
	}

	/** A new, empty metadata that can be written. */
	public static RpcMetadata create() {
		return new RpcMetadata(new LinkedHashMap<>(), true);
	}

	/** An empty metadata that cannot be written. */
	public static RpcMetadata empty() {
		return EMPTY;
	}

	/** A read-only metadata holding {@code values}. */
	public static RpcMetadata readOnly(Map<String, JsonNode> values) {
		return values.isEmpty() ? EMPTY : new RpcMetadata(Collections.unmodifiableMap(new LinkedHashMap<>(values)), false);
	}

	/** The value of {@code name}, or null when absent. */
	public @Nullable JsonNode get(String name) {
		return this.values.get(name);
	}

	/** The value of {@code name} when it is a JSON string, or null. */
	public @Nullable String getString(String name) {
		JsonNode value = this.values.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * Sets {@code name} to a JSON string.
	 * @throws UnsupportedOperationException on the server, where metadata is read-only
	 */
	public RpcMetadata put(String name, String value) {
		return put(name, StringNode.valueOf(Objects.requireNonNull(value, "value")));
	}

	/**
	 * Sets {@code name} to a JSON value.
	 * @throws UnsupportedOperationException on the server, where metadata is read-only
	 */
	public RpcMetadata put(String name, JsonNode value) {
		checkWritable();
		if (name.isEmpty()) {
			throw new IllegalArgumentException("A metadata name must not be empty");
		}
		this.values.put(name, Objects.requireNonNull(value, "value"));
		return this;
	}

	/** Removes {@code name}; read-only metadata refuses. */
	public RpcMetadata remove(String name) {
		checkWritable();
		this.values.remove(name);
		return this;
	}

	public Set<String> names() {
		return Collections.unmodifiableSet(this.values.keySet());
	}

	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/** The names and values, read-only. */
	public Map<String, JsonNode> asMap() {
		return Collections.unmodifiableMap(this.values);
	}

	private void checkWritable() {
		if (!this.writable) {
			throw new UnsupportedOperationException("This metadata is read-only");
		}
	}

	/** Lists the names only: values may hold credentials. */
	@Override
	public String toString() {
		return "RpcMetadata" + this.values.keySet();
	}

}
