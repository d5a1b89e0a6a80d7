package dev.jrpc.benchmark.grpc;

import dev.jrpc.benchmark.grpc.proto.EchoMessage;
import dev.jrpc.benchmark.grpc.proto.EchoRpcGrpc;
import dev.jrpc.benchmark.scenario.EchoService;
import io.grpc.Channel;

/** The client side of the echo cases over gRPC's blocking stub. */
final class GrpcEchoServiceClient implements EchoService {

	private final EchoRpcGrpc.EchoRpcBlockingStub stub;

	GrpcEchoServiceClient(Channel channel) {
		this.stub = EchoRpcGrpc.newBlockingStub(channel);
	}

	@Override
	public String echo(String text) {
		return this.stub.echo(EchoMessage.newBuilder().setText(text).build()).getText();
	}

}
