package dev.jrpc.observation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jrpc.observation.RpcObservationDocumentation.ClientHighCardinalityKeys;
import dev.jrpc.observation.RpcObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * Names a client call's observation {@code rpc.client.call.duration}, its span
 * {@code <service>/<method>}, and tags it with the OpenTelemetry RPC keys of
 * {@link RpcObservationDocumentation}.
 */
public class DefaultRpcClientObservationConvention implements RpcClientObservationConvention {

	/** The observation's name, and so the name of the timer it records. */
	public static final String NAME = "rpc.client.call.duration";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RpcClientObservationContext context) {
		return method(context);
	}

	/**
	 * The application error codes tagged as they are, beyond JSON-RPC's reserved range: the first
	 * {@value #MAX_APPLICATION_CODES} this convention sees (one per client, unless the application
	 * shares one). Any other is tagged {@code other}, so that servers answering with ever new codes
	 * cannot make ever new series.
	 */
	private final Set<Integer> applicationCodes = ConcurrentHashMap.newKeySet();

	private static final int MAX_APPLICATION_CODES = 64;

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcClientObservationContext context) {
		String address = context.getServerAddress();
		int port = context.getServerPort();
		String statusCode = statusCode(context.getStatusCode());
		return KeyValues.of(LowCardinalityKeys.SYSTEM_NAME.withValue(RpcObservationValues.SYSTEM),
				LowCardinalityKeys.METHOD.withValue(method(context)),
				LowCardinalityKeys.STATUS_CODE.withValue(statusCode),
				LowCardinalityKeys.ERROR_TYPE.withValue((context.getError() != null)
						? context.getError().getClass().getName() : (context.getStatusCode() != 0) ? statusCode : "none"),
				LowCardinalityKeys.SERVER_ADDRESS.withValue((address != null) ? address : RpcObservationValues.UNKNOWN),
				LowCardinalityKeys.SERVER_PORT.withValue((address != null && port >= 0) ? Integer.toString(port)
						: RpcObservationValues.UNKNOWN));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RpcClientObservationContext context) {
		String peer = context.getPeerAddress();
		if (peer == null) {
			return KeyValues.empty();
		}
		return KeyValues.of(ClientHighCardinalityKeys.NETWORK_PEER_ADDRESS.withValue(peer),
				ClientHighCardinalityKeys.NETWORK_PEER_PORT.withValue(Integer.toString(context.getPeerPort())));
	}

	private String statusCode(int code) {
		if (code == 0 || RpcObservationValues.isReserved(code) || this.applicationCodes.contains(code)
				|| (this.applicationCodes.size() < MAX_APPLICATION_CODES && this.applicationCodes.add(code))) {
			return Integer.toString(code);
		}
		return "other";
	}

	private static String method(RpcClientObservationContext context) {
		return RpcObservationValues.method(context.getCall().serviceName(), context.getCall().method().getName());
	}

}
