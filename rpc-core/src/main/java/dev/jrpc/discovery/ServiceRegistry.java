package dev.jrpc.discovery;

/**
 * Where a server announces the services it exports, so that clients find it: it registers each
 * one once it listens, and deregisters them first thing when it stops. A registry that loses its
 * session registers again by itself.
 */
public interface ServiceRegistry {

	/**
	 * Announces {@code registration} until the returned handle is closed.
	 * @throws RuntimeException when the registry cannot be reached; the server then fails to start
	 */
	Registration register(ServiceRegistration registration);

	/** A registration, withdrawn when closed. */
	@FunctionalInterface
	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
