package dev.jrpc.benchmark.grpc;

import com.google.protobuf.ByteString;
import dev.jrpc.benchmark.grpc.proto.BytesMessage;
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

	@Override
	public byte[] echoBytes(byte[] bytes) {
		return this.stub.echoBytes(BytesMessage.newBuilder().setData(ByteString.copyFrom(bytes)).build())
			.getData()
			.toByteArray();
	}

}
