package dev.jrpc.benchmark.grpc;

import dev.jrpc.benchmark.grpc.proto.CreateUserReply;
import dev.jrpc.benchmark.grpc.proto.ExistUserReply;
import dev.jrpc.benchmark.grpc.proto.ExistUserRequest;
import dev.jrpc.benchmark.grpc.proto.GetUserRequest;
import dev.jrpc.benchmark.grpc.proto.ListUserRequest;
import dev.jrpc.benchmark.grpc.proto.PageMessage;
import dev.jrpc.benchmark.grpc.proto.UserMessage;
import dev.jrpc.benchmark.grpc.proto.UserRpcGrpc;
import dev.jrpc.benchmark.scenario.ScenarioUserService;
import dev.jrpc.benchmark.scenario.UserService;
import io.grpc.stub.StreamObserver;

/** The server side: gRPC's generated service over the scenario's {@link ScenarioUserService}. */
final class GrpcUserService extends UserRpcGrpc.UserRpcImplBase {

	private final UserService users = new ScenarioUserService();

	@Override
	public void existUser(ExistUserRequest request, StreamObserver<ExistUserReply> reply) {
		reply.onNext(ExistUserReply.newBuilder().setExist(this.users.existUser(request.getEmail())).build());
		reply.onCompleted();
	}

	@Override
	public void createUser(UserMessage request, StreamObserver<CreateUserReply> reply) {
		boolean success = this.users.createUser(UserMessages.toUser(request));
		reply.onNext(CreateUserReply.newBuilder().setSuccess(success).build());
		reply.onCompleted();
	}

	@Override
	public void getUser(GetUserRequest request, StreamObserver<UserMessage> reply) {
		reply.onNext(UserMessages.toMessage(this.users.getUser(request.getId())));
		reply.onCompleted();
	}

	@Override
	public void listUser(ListUserRequest request, StreamObserver<PageMessage> reply) {
		reply.onNext(UserMessages.toMessage(this.users.listUser(request.getPageNo())));
		reply.onCompleted();
	}

}
