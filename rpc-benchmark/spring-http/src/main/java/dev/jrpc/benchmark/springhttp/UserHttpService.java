package dev.jrpc.benchmark.springhttp;

import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.User;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The client side's HTTP interface for the scenario's UserService, mapped to
 * {@link ScenarioController}'s endpoints; {@code HttpServiceProxyFactory} implements it.
 */
@HttpExchange("/users")
interface UserHttpService {

	@GetExchange("/exists")
	boolean existUser(@RequestParam String email);

	@PostExchange
	boolean createUser(@RequestBody User user);

	@GetExchange("/{id}")
	User getUser(@PathVariable long id);

	@GetExchange
	Page<User> listUser(@RequestParam int pageNo);

}
