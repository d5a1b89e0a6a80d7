package dev.jrpc.benchmark.springhttp;

import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;

/**
 * The client side: the scenario's {@link UserService} over the HTTP service client's proxy. Only
 * delegates: the proxy's interface is a type of its own because it carries the HTTP mapping.
 */
final class SpringHttpUserServiceClient implements UserService {

	private final UserHttpService http;

	SpringHttpUserServiceClient(UserHttpService http) {
		this.http = http;
	}

	@Override
	public boolean existUser(String email) {
		return this.http.existUser(email);
	}

	@Override
	public boolean createUser(User user) {
		return this.http.createUser(user);
	}

	@Override
	public User getUser(long id) {
		return this.http.getUser(id);
	}

	@Override
	public Page<User> listUser(int pageNo) {
		return this.http.listUser(pageNo);
	}

}
