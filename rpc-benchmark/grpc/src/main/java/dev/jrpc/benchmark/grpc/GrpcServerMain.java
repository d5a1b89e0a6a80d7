package dev.jrpc.benchmark.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * Serves the scenario with gRPC-Java on 127.0.0.1 and the port given as the only argument, with
 * gRPC's defaults but for the largest message ({@link GrpcLimits}), until the JVM is stopped.
 */
public final class GrpcServerMain {

	private GrpcServerMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
			.addService(new GrpcUserService())
			.addService(new GrpcEchoService())
			.maxInboundMessageSize(GrpcLimits.MAX_MESSAGE_SIZE)
			.build()
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "grpc-server-stop"));
		System.out.println("gRPC server listening on " + server.getListenSockets());
		server.awaitTermination();
	}

}
