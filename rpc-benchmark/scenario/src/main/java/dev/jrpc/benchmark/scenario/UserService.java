package dev.jrpc.benchmark.scenario;

/** The service of rpc-benchmark's scenario, unchanged. */
public interface UserService {

	boolean existUser(String email);

	boolean createUser(User user);

	User getUser(long id);

	Page<User> listUser(int pageNo);

}
