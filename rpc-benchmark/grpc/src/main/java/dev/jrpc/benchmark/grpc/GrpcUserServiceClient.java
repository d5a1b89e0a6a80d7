package dev.jrpc.benchmark.grpc;

import dev.jrpc.benchmark.grpc.proto.ExistUserRequest;
import dev.jrpc.benchmark.grpc.proto.GetUserRequest;
import dev.jrpc.benchmark.grpc.proto.ListUserRequest;
import dev.jrpc.benchmark.grpc.proto.UserRpcGrpc;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;
import io.grpc.Channel;

/** The client side: the scenario's {@link UserService} over gRPC's blocking stub. */
final class GrpcUserServiceClient implements UserService {

	private final UserRpcGrpc.UserRpcBlockingStub stub;

	GrpcUserServiceClient(Channel channel) {
		this.stub = UserRpcGrpc.newBlockingStub(channel);
	}

	@Override
	public boolean existUser(String email) {
		return this.stub.existUser(ExistUserRequest.newBuilder().setEmail(email).build()).getExist();
	}

	@Override
	public boolean createUser(User user) {
		return this.stub.createUser(UserMessages.toMessage(user)).getSuccess();
	}

	@Override
	public User getUser(long id) {
		return UserMessages.toUser(this.stub.getUser(GetUserRequest.newBuilder().setId(id).build()));
	}

	@Override
	public Page<User> listUser(int pageNo) {
		return UserMessages.toPage(this.stub.listUser(ListUserRequest.newBuilder().setPageNo(pageNo).build()));
	}

}
