package dev.jrpc.observation;

import dev.jrpc.observation.RpcObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * Names a server call's observation {@code rpc.server.call.duration}, its span
 * {@code <service>/<method>}, and tags it with the OpenTelemetry RPC keys of
 * {@link RpcObservationDocumentation}.
 */
public class DefaultRpcServerObservationConvention implements RpcServerObservationConvention {

	/** The observation's name, and so the name of the timer it records. */
	public static final String NAME = "rpc.server.call.duration";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RpcServerObservationContext context) {
		return context.getMethod();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcServerObservationContext context) {
		String errorType = context.getErrorType();
		return KeyValues.of(LowCardinalityKeys.SYSTEM_NAME.withValue(RpcObservationValues.SYSTEM),
				LowCardinalityKeys.METHOD.withValue(context.getMethod()),
				LowCardinalityKeys.STATUS_CODE.withValue(Integer.toString(context.getStatusCode())),
				LowCardinalityKeys.ERROR_TYPE.withValue((errorType != null) ? errorType
						: RpcObservationValues.errorType(context.getError(), context.getStatusCode())),
				LowCardinalityKeys.SERVER_ADDRESS.withValue(context.getServerAddress()),
				LowCardinalityKeys.SERVER_PORT.withValue(Integer.toString(context.getServerPort())));
	}

}
