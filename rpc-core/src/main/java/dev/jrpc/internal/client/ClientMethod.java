package dev.jrpc.internal.client;


import dev.jrpc.OneWay;
import dev.jrpc.internal.protocol.RemoteMethod;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * How to call one interface method, parsed once when the proxy is built: its pre-encoded wire
 * name, a writer per parameter and a reader for the result.
 */
final class ClientMethod {

	private final RemoteMethod remote;

	private final SerializableString wireName;

	private final ObjectWriter[] parameterWriters;

	private final ObjectReader resultReader;

	private final RemoteExceptionTypes exceptionTypes;

	private final boolean oneWay;

	ClientMethod(RemoteMethod remote, ObjectMapper mapper) {
		this.remote = remote;
		this.wireName = new SerializedString(remote.wireName());
		this.parameterWriters = remote.parameterTypes().stream().map(mapper::writerFor).toArray(ObjectWriter[]::new);
		this.resultReader = mapper.readerFor(remote.resultType())
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.exceptionTypes = RemoteExceptionTypes.of(remote.method());
		this.oneWay = remote.method().isAnnotationPresent(OneWay.class);
	}

	RemoteExceptionTypes exceptionTypes() {
		return this.exceptionTypes;
	}

	/** Whether the method is sent as a notification, with no id and no answer. */
	boolean isOneWay() {
		return this.oneWay;
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
