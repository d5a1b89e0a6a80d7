package dev.jrpc.demo.api;

import dev.jrpc.Idempotent;

/**
 * Says which server answered: the cluster demo counts its calls per server with it. Asking twice
 * is harmless, so a call that may have run on a server that died is tried again on another.
 */
public interface ServerInfoService {

	/** The name of the server that answered. */
	@Idempotent
	String serverName();

}
