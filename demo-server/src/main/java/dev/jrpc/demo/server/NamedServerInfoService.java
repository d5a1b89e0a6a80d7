package dev.jrpc.demo.server;

import dev.jrpc.demo.api.ServerInfoService;
import dev.jrpc.spring.RpcService;
import org.springframework.beans.factory.annotation.Value;

/** Answers with {@code demo.server.name}, by default the port the server was told to use. */
@RpcService
class NamedServerInfoService implements ServerInfoService {

	private final String name;

	NamedServerInfoService(@Value("${demo.server.name:server-${rpc.server.port}}") String name) {
		this.name = name;
	}

	@Override
	public String serverName() {
		return this.name;
	}

}
