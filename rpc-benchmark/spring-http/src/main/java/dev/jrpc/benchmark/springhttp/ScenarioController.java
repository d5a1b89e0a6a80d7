package dev.jrpc.benchmark.springhttp;

import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioEchoService;
import dev.jrpc.benchmark.scenario.ScenarioUserService;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server side: the scenario's services as REST endpoints, one per operation, the way a Spring
 * MVC application would expose them. Reads are GETs with their input in the path or the query;
 * {@code createUser} and the echo POST a JSON body, because a user and a 256 KiB string do not
 * belong in a URL. The paths are those of {@link UserHttpService} and {@link EchoHttpService}.
 */
@RestController
class ScenarioController {

	private final UserService users = new ScenarioUserService();

	private final EchoService echoService = new ScenarioEchoService();

	@GetMapping("/users/exists")
	boolean existUser(@RequestParam String email) {
		return this.users.existUser(email);
	}

	@PostMapping("/users")
	boolean createUser(@RequestBody User user) {
		return this.users.createUser(user);
	}

	@GetMapping("/users/{id}")
	User getUser(@PathVariable long id) {
		return this.users.getUser(id);
	}

	@GetMapping("/users")
	Page<User> listUser(@RequestParam int pageNo) {
		return this.users.listUser(pageNo);
	}

	@PostMapping("/echo")
	EchoMessage echo(@RequestBody EchoMessage message) {
		return new EchoMessage(this.echoService.echo(message.text()));
	}

	@PostMapping("/echo-bytes")
	BytesMessage echoBytes(@RequestBody BytesMessage message) {
		return new BytesMessage(this.echoService.echoBytes(message.data()));
	}

}
