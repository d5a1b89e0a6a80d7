package dev.jrpc.benchmark.grpc;

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

}
