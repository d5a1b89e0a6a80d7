package dev.jrpc.benchmark.springhttp;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The client side's HTTP interface for the echoes, mapped to {@link ScenarioController#echo} and
 * {@link ScenarioController#echoBytes};
 * {@code HttpServiceProxyFactory} implements it.
 */
interface EchoHttpService {

	@PostExchange("/echo")
	EchoMessage echo(@RequestBody EchoMessage message);

	@PostExchange("/echo-bytes")
	BytesMessage echoBytes(@RequestBody BytesMessage message);

}
