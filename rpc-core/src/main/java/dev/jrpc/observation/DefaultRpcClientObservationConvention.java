package dev.jrpc.observation;

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

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcClientObservationContext context) {
		String address = context.getServerAddress();
		return KeyValues.of(LowCardinalityKeys.SYSTEM_NAME.withValue(RpcObservationValues.SYSTEM),
				LowCardinalityKeys.METHOD.withValue(method(context)),
				LowCardinalityKeys.STATUS_CODE.withValue(Integer.toString(context.getStatusCode())),
				LowCardinalityKeys.ERROR_TYPE.withValue(RpcObservationValues.errorType(context.getError(),
						context.getStatusCode())),
				LowCardinalityKeys.SERVER_ADDRESS.withValue((address != null) ? address : RpcObservationValues.UNKNOWN),
				LowCardinalityKeys.SERVER_PORT.withValue((address != null) ? Integer.toString(context.getServerPort())
						: RpcObservationValues.UNKNOWN));
	}

	private static String method(RpcClientObservationContext context) {
		return context.getCall().serviceName() + "/" + context.getCall().method().getName();
	}

}
