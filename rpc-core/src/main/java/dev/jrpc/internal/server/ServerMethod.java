package dev.jrpc.internal.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import dev.jrpc.RpcErrorCodes;
import dev.jrpc.RpcErrorException;
import dev.jrpc.internal.protocol.RemoteMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * An exported method, ready to call: the target, and a reader per parameter and a writer for the
 * result, all made once at startup.
 */
final class ServerMethod {

	private static final Logger logger = LoggerFactory.getLogger(ServerMethod.class);

	private final RemoteMethod remote;

	private final Object target;

	private final Method method;

	private final ObjectReader[] parameterReaders;

	private final boolean[] primitive;

	private final @Nullable Object[] absentValues;

	private final ObjectWriter resultWriter;

	private final String serviceName;

	private final String version;

	ServerMethod(RemoteMethod remote, Object target, String serviceName, String version, ObjectMapper mapper) {
		this.remote = remote;
		this.serviceName = serviceName;
		this.version = version;
		this.target = target;
		this.method = remote.method();
		this.method.trySetAccessible();
		int count = remote.parameterCount();
		this.parameterReaders = new ObjectReader[count];
		this.primitive = new boolean[count];
		this.absentValues = new Object[count];
		for (int i = 0; i < count; i++) {
			this.parameterReaders[i] = mapper.readerFor(remote.parameterTypes().get(i))
				.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
			this.primitive[i] = remote.parameterTypes().get(i).isPrimitive();
			this.absentValues[i] = this.primitive[i] ? null : this.parameterReaders[i].readValue("null");
		}
		this.resultWriter = mapper.writerFor(remote.resultType());
	}

	String displayName() {
		return this.remote.displayName();
	}

	int parameterCount() {
		return this.parameterReaders.length;
	}

	/** What a named parameter left out of a request binds to: JSON null read into its type. */
	@Nullable Object absentValue(int index) {
		return this.absentValues[index];
	}

	ObjectReader parameterReader(int index) {
		return this.parameterReaders[index];
	}

	boolean isPrimitive(int index) {
		return this.primitive[index];
	}

	List<String> parameterNames() {
		return this.remote.parameterNames();
	}

	boolean isAsync() {
		return this.remote.async();
	}

	ObjectWriter resultWriter() {
		return this.resultWriter;
	}

	String serviceName() {
		return this.serviceName;
	}

	String version() {
		return this.version;
	}

	Method method() {
		return this.method;
	}

	String wireName() {
		return this.remote.wireName();
	}

	/**
	 * Calls the method, throwing what it throws as it threw it.
	 * @throws RpcErrorException with {@link RpcErrorCodes#INTERNAL_ERROR} when the method could not
	 * be called at all
	 */
	@Nullable Object call(@Nullable Object[] arguments) throws Exception {
		try {
			return this.method.invoke(this.target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ServerMethod.<Exception>rethrow(ex.getCause());
		}
		catch (IllegalAccessException | IllegalArgumentException ex) {
			logger.warn("Could not invoke {}", displayName(), ex);
			throw new RpcErrorException(RpcErrorCodes.INTERNAL_ERROR, "Internal error: could not invoke " + displayName());
		}
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T rethrow(Throwable failure) throws T {
		throw (T) failure;
	}

}
