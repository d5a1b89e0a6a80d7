package dev.jrpc.benchmark.grpc;

import com.google.protobuf.ByteString;
import dev.jrpc.benchmark.grpc.proto.BytesMessage;
import dev.jrpc.benchmark.grpc.proto.EchoMessage;
import dev.jrpc.benchmark.grpc.proto.EchoRpcGrpc;
import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.ScenarioEchoService;
import io.grpc.stub.StreamObserver;

/** The server side of the echo cases over the scenario's {@link ScenarioEchoService}. */
final class GrpcEchoService extends EchoRpcGrpc.EchoRpcImplBase {

	private final EchoService echo = new ScenarioEchoService();

	@Override
	public void echo(EchoMessage request, StreamObserver<EchoMessage> reply) {
		reply.onNext(EchoMessage.newBuilder().setText(this.echo.echo(request.getText())).build());
		reply.onCompleted();
	}

	/** Through the scenario's byte array, as an application with a {@code byte[]} API would. */
	@Override
	public void echoBytes(BytesMessage request, StreamObserver<BytesMessage> reply) {
		byte[] answer = this.echo.echoBytes(request.getData().toByteArray());
		reply.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(answer)).build());
		reply.onCompleted();
	}

}
