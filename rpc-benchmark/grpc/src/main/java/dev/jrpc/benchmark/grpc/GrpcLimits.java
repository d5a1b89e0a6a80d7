package dev.jrpc.benchmark.grpc;

/** The one setting the benchmark changes in gRPC: the largest message, on both sides. */
final class GrpcLimits {

	/**
	 * 8 MiB, jrpc's default frame limit, raised from gRPC's default of 4 MiB, which the 4 MiB echo
	 * exceeds by its few bytes of protobuf framing.
	 */
	static final int MAX_MESSAGE_SIZE = 8 * 1024 * 1024;

	private GrpcLimits() {
	}

}
