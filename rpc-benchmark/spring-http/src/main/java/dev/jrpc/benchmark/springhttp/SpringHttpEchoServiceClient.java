package dev.jrpc.benchmark.springhttp;

import dev.jrpc.benchmark.scenario.EchoService;

/** The client side of the echo cases over the HTTP service client's proxy, the text wrapped in JSON. */
final class SpringHttpEchoServiceClient implements EchoService {

	private final EchoHttpService http;

	SpringHttpEchoServiceClient(EchoHttpService http) {
		this.http = http;
	}

	@Override
	public String echo(String text) {
		return this.http.echo(new EchoMessage(text)).text();
	}

	@Override
	public byte[] echoBytes(byte[] bytes) {
		return this.http.echoBytes(new BytesMessage(bytes)).data();
	}

}
