package dev.jrpc.benchmark.dubbo;

import dev.jrpc.benchmark.scenario.EchoService;
import dev.jrpc.benchmark.scenario.ScenarioEchoService;
import dev.jrpc.benchmark.scenario.ScenarioUserService;
import dev.jrpc.benchmark.scenario.UserService;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * Serves the scenario with Dubbo's dubbo protocol on 127.0.0.1 and the port given as the only
 * argument, without registry and with Dubbo's defaults (its thread pool; its serializations,
 * hessian2 first, fastjson2 accepted too), until the JVM is stopped.
 */
public final class DubboServerMain {

	private DubboServerMain() {
	}

	public static void main(String[] args) {
		// Loopback only; see DubboSettings.LOOPBACK.
		System.setProperty("DUBBO_IP_TO_BIND", DubboSettings.LOOPBACK);
		ProtocolConfig protocol = new ProtocolConfig("dubbo", Integer.parseInt(args[0]));
		protocol.setHost("127.0.0.1");
		DubboBootstrap.getInstance()
			.application(DubboSettings.application("jrpc-benchmark-dubbo-server"))
			.registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
			.protocol(protocol)
			.service(service(UserService.class, new ScenarioUserService()))
			.service(service(EchoService.class, new ScenarioEchoService()))
			.start()
			.await();
	}

	private static <T> ServiceConfig<T> service(Class<T> interfaceClass, T implementation) {
		ServiceConfig<T> service = new ServiceConfig<>();
		service.setInterface(interfaceClass);
		service.setRef(implementation);
		return service;
	}

}
