package dev.jrpc.internal.client;

import dev.jrpc.Idempotent;
import dev.jrpc.OneWay;
import dev.jrpc.internal.protocol.RemoteMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * How to call one interface method, parsed once when the proxy is built: its pre-encoded wire
 * name, a writer per parameter, a reader for the result, and the adapter that turns the call into
 * what the method returns.
 */
final class ClientMethod {

	private final RemoteMethod remote;

	private final String serviceName;

	private final String version;

	private final SerializableString wireName;

	private final ObjectWriter[] parameterWriters;

	private final ObjectReader resultReader;

	private final RemoteExceptionTypes exceptionTypes;

	private final boolean oneWay;

	private final boolean idempotent;

	private final ReturnAdapter returnAdapter;

	private final @Nullable ServerAddress observedServer;

	/**
	 * @param type the interface proxied, whose {@link Idempotent} covers the methods it inherits too
	 * @param observedServer the server its observations name, or null to name each attempt's endpoint
	 */
	ClientMethod(Class<?> type, RemoteMethod remote, String serviceName, String version,
			@Nullable ServerAddress observedServer, ObjectMapper mapper, ReturnAdapter.Factory... adapters) {
		this.remote = remote;
		this.observedServer = observedServer;
		this.serviceName = serviceName;
		this.version = version;
		this.wireName = new SerializedString(remote.wireName());
		this.parameterWriters = remote.parameterTypes().stream().map(mapper::writerFor).toArray(ObjectWriter[]::new);
		this.resultReader = mapper.readerFor(remote.resultType())
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.exceptionTypes = RemoteExceptionTypes.of(remote.method());
		this.oneWay = remote.method().isAnnotationPresent(OneWay.class);
		this.idempotent = remote.method().isAnnotationPresent(Idempotent.class)
				|| remote.method().getDeclaringClass().isAnnotationPresent(Idempotent.class)
				|| type.isAnnotationPresent(Idempotent.class);
		this.returnAdapter = ReturnAdapter.choose(this, adapters);
	}

	/** The server its observations name, or null to name each attempt's endpoint. */
	@Nullable ServerAddress observedServer() {
		return this.observedServer;
	}

	RemoteExceptionTypes exceptionTypes() {
		return this.exceptionTypes;
	}

	/** Whether the method is sent as a notification, with no id and no answer. */
	boolean isOneWay() {
		return this.oneWay;
	}

	/** Whether a call that may have run may be sent again. */
	boolean isIdempotent() {
		return this.idempotent;
	}

	ReturnAdapter returnAdapter() {
		return this.returnAdapter;
	}

	String serviceName() {
		return this.serviceName;
	}

	String version() {
		return this.version;
	}

	String displayName() {
		return this.remote.displayName();
	}

	SerializableString wireName() {
		return this.wireName;
	}

	ObjectWriter parameterWriter(int index) {
		return this.parameterWriters[index];
	}

	int parameterCount() {
		return this.parameterWriters.length;
	}

	ObjectReader resultReader() {
		return this.resultReader;
	}

	boolean returnsVoid() {
		return this.remote.returnsVoid();
	}

	boolean isAsync() {
		return this.remote.async();
	}

	RemoteMethod remote() {
		return this.remote;
	}

}
