package dev.jrpc.benchmark.dubbo;

import org.apache.dubbo.config.ApplicationConfig;

/** What both Dubbo sides set apart from Dubbo's defaults. */
final class DubboSettings {

	/**
	 * 127.0.0.1 written as one 32-bit number. Dubbo takes any address starting with "127." for a
	 * mistake (NetUtils.isInvalidLocalHost): a server binds every interface instead, a client
	 * connects to the machine's external address. Java resolves this spelling to the same loopback
	 * address, and Dubbo lets it through.
	 */
	static final String LOOPBACK = "2130706433";

	private DubboSettings() {
	}

	/**
	 * An application named {@code name} with Dubbo's defaults, but for the QoS console, which would
	 * otherwise open port 22222 on every JVM of the run.
	 */
	static ApplicationConfig application(String name) {
		ApplicationConfig application = new ApplicationConfig(name);
		application.setQosEnable(false);
		return application;
	}

}
