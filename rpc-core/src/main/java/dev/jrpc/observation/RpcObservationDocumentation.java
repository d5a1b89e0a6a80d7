package dev.jrpc.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The two observations of a call, and their low-cardinality keys, after the OpenTelemetry RPC
 * semantic conventions. The timers they record are {@code rpc.client.call.duration} and
 * {@code rpc.server.call.duration}; the span name is the {@code rpc.method}.
 */
public enum RpcObservationDocumentation implements ObservationDocumentation {

	/** A call as the client makes it, from the proxy's method to its result or failure. */
	CLIENT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcClientObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ClientHighCardinalityKeys.values();
		}

	},

	/** A call as the server takes it, from its request read to its answer written. */
	SERVER {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcServerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

	};

	/** The keys every call is tagged with. */
	public enum LowCardinalityKeys implements KeyName {

		/** Always {@code jsonrpc}. */
		SYSTEM_NAME {
			@Override
			public String asString() {
				return "rpc.system.name";
			}
		},

		/**
		 * {@code <service>/<method>}; {@code unknown} for a request naming no method the server
		 * exports, so that callers cannot make a new tag value per name they send.
		 */
		METHOD {
			@Override
			public String asString() {
				return "rpc.method";
			}
		},

		/** The JSON-RPC error code of the answer, or {@code 0} for a result. */
		STATUS_CODE {
			@Override
			public String asString() {
				return "rpc.status_code";
			}
		},

		/**
		 * What went wrong: the exception's class name, the error code for an error without one, or
		 * {@code none}.
		 */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/**
		 * The server's host: on the client, the server as the proxy names it (the service name for
		 * the registry, the name of {@code scheme:///name}, each endpoint of a {@code host:port}
		 * list); on the server, its own address on the connection.
		 */
		SERVER_ADDRESS {
			@Override
			public String asString() {
				return "server.address";
			}
		},

		/** The server's port, {@code unknown} when the client calls a name without one. */
		SERVER_PORT {
			@Override
			public String asString() {
				return "server.port";
			}
		}

	}

	/** The keys of a client call that vary with each endpoint: spans carry them, meters do not. */
	public enum ClientHighCardinalityKeys implements KeyName {

		/** The host of the endpoint of the call's last attempt. */
		NETWORK_PEER_ADDRESS {
			@Override
			public String asString() {
				return "network.peer.address";
			}
		},

		/** The port of the endpoint of the call's last attempt. */
		NETWORK_PEER_PORT {
			@Override
			public String asString() {
				return "network.peer.port";
			}
		}

	}

}
