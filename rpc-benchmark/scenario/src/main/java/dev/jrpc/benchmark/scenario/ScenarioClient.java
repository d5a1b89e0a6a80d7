package dev.jrpc.benchmark.scenario;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of the scenario, the same for every system: each call takes its input from one
 * counter shared by all benchmark threads, as rpc-benchmark's client does, and passes it to the
 * system's proxy or stub. Each system's JMH benchmark only holds one of these and delegates.
 */
public final class ScenarioClient {

	private final AtomicInteger counter = new AtomicInteger();

	/** Builds the users that {@code createUser} sends, as the original client does. */
	private final UserService users = new ScenarioUserService();

	private final UserService userService;

	private final EchoService echoService;

	public ScenarioClient(UserService userService, EchoService echoService) {
		this.userService = userService;
		this.echoService = echoService;
	}

	public boolean existUser() {
		return this.userService.existUser(String.valueOf(this.counter.getAndIncrement()));
	}

	public boolean createUser() {
		return this.userService.createUser(this.users.getUser(this.counter.getAndIncrement()));
	}

	public User getUser() {
		return this.userService.getUser(this.counter.getAndIncrement());
	}

	public Page<User> listUser() {
		return this.userService.listUser(this.counter.getAndIncrement());
	}

	public String echoShort() {
		return this.echoService.echo(EchoPayloads.SHORT);
	}

	public String echoLarge() {
		return this.echoService.echo(EchoPayloads.LARGE);
	}

	public String echo1Kib() {
		return this.echoService.echo(EchoPayloads.KIB_1);
	}

	public String echo16Kib() {
		return this.echoService.echo(EchoPayloads.KIB_16);
	}

	public String echo4Mib() {
		return this.echoService.echo(EchoPayloads.MIB_4);
	}

	public byte[] echoBytes1Mib() {
		return this.echoService.echoBytes(EchoPayloads.sharedBytes1Mib());
	}

	/** Makes the call that {@code scenarioCase} measures, once. */
	public Object call(ScenarioCase scenarioCase) {
		return switch (scenarioCase) {
			case EXIST_USER -> existUser();
			case CREATE_USER -> createUser();
			case GET_USER -> getUser();
			case LIST_USER -> listUser();
			case ECHO_SHORT -> echoShort();
			case ECHO_LARGE -> echoLarge();
			case ECHO_1_KIB -> echo1Kib();
			case ECHO_16_KIB -> echo16Kib();
			case ECHO_4_MIB -> echo4Mib();
			case ECHO_BYTES_1_MIB -> echoBytes1Mib();
		};
	}

	/**
	 * Makes every call once and checks the answers, so that a system that answers wrongly fails
	 * the run instead of being measured.
	 * @throws IllegalStateException naming the first wrong answer
	 */
	public void verify() {
		check(!this.userService.existUser("a@b.c4") && this.userService.existUser("a@b.c5"), "existUser");
		check(createUser(), "createUser");
		User user = this.userService.getUser(42);
		check(user.getId() == 42 && "Doug Lea".equals(user.getName()) && user.getPermissions().size() == 15
				&& user.getBirthday().getYear() == 1968 && user.getCreateTime() != null
				&& user.getAddress().startsWith("北京市"), "getUser");
		Page<User> page = this.userService.listUser(7);
		check(page.getPageNo() == 7 && page.getTotal() == ScenarioUserService.TOTAL
				&& page.getResult().size() == ScenarioUserService.PAGE_SIZE
				&& "Doug Lea14".equals(page.getResult().get(14).getName()), "listUser");
		check(EchoPayloads.SHORT.equals(echoShort()), "echo of the short string");
		check(EchoPayloads.LARGE.equals(echoLarge()), "echo of the large string");
		check(EchoPayloads.KIB_1.equals(echo1Kib()), "echo of 1 KiB");
		check(EchoPayloads.KIB_16.equals(echo16Kib()), "echo of 16 KiB");
		check(EchoPayloads.MIB_4.equals(echo4Mib()), "echo of 4 MiB");
		check(EchoPayloads.isBytes1Mib(echoBytes1Mib()), "echo of the byte array");
	}

	private static void check(boolean answeredRight, String call) {
		if (!answeredRight) {
			throw new IllegalStateException("The system under test answered " + call + " wrongly");
		}
	}

}
