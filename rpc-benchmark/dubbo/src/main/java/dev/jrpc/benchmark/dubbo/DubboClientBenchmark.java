package dev.jrpc.benchmark.dubbo;

import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.Page;
import dev.jrpc.benchmark.scenario.ScenarioClient;
import dev.jrpc.benchmark.scenario.User;
import dev.jrpc.benchmark.scenario.UserService;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scenario called through Dubbo references with a direct {@code dubbo://} URL to 127.0.0.1. Dubbo shares one
 * connection per address between references by default, so both services and every benchmark
 * thread use one connection.
 */
@State(Scope.Benchmark)
public class DubboClientBenchmark {

	@Param("7103")
	private int port;

	/**
	 * {@code default} for Dubbo's own choice, or the name of a serialization, such as
	 * {@code fastjson2}. Dubbo 3.3's default is hessian2: its providers announce
	 * {@code prefer.serialization=hessian2,fastjson2} and a consumer without a registry falls back
	 * to hessian2.
	 */
	@Param("default")
	private String serialization;

	private DubboBootstrap bootstrap;

	private ScenarioClient scenario;

	@Setup
	public void connect() {
		ReferenceConfig<UserService> users = reference(UserService.class);
		ReferenceConfig<EchoService> echo = reference(EchoService.class);
		this.bootstrap = DubboBootstrap.newInstance()
			.application(DubboSettings.application("jrpc-benchmark-dubbo-client"))
			.reference(users)
			.reference(echo)
			.start();
		this.scenario = new ScenarioClient(users.get(), echo.get());
		this.scenario.verify();
	}

	private <T> ReferenceConfig<T> reference(Class<T> interfaceClass) {
		String url = "dubbo://" + DubboSettings.LOOPBACK + ":" + this.port + "/" + interfaceClass.getName();
		if (!"default".equals(this.serialization)) {
			url += "?serialization=" + this.serialization + "&prefer.serialization=" + this.serialization;
		}
		ReferenceConfig<T> reference = new ReferenceConfig<>();
		reference.setInterface(interfaceClass);
		reference.setUrl(url);
		// jrpc's default; Dubbo's own (1 s) could fail the large echo under 32 threads.
		reference.setTimeout(5000);
		return reference;
	}

	@TearDown
	public void close() {
		this.bootstrap.stop();
	}

	@Benchmark
	public boolean existUser() {
		return this.scenario.existUser();
	}

	@Benchmark
	public boolean createUser() {
		return this.scenario.createUser();
	}

	@Benchmark
	public User getUser() {
		return this.scenario.getUser();
	}

	@Benchmark
	public Page<User> listUser() {
		return this.scenario.listUser();
	}

	@Benchmark
	public String echoShort() {
		return this.scenario.echoShort();
	}

	@Benchmark
	public String echoLarge() {
		return this.scenario.echoLarge();
	}

	@Benchmark
	public String echo1Kib() {
		return this.scenario.echo1Kib();
	}

	@Benchmark
	public String echo16Kib() {
		return this.scenario.echo16Kib();
	}

	@Benchmark
	public String echo4Mib() {
		return this.scenario.echo4Mib();
	}

	@Benchmark
	public byte[] echoBytes1Mib() {
		return this.scenario.echoBytes1Mib();
	}

}
