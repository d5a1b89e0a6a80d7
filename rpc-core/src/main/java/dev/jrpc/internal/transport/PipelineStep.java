package dev.jrpc.internal.transport;

import io.netty.channel.Channel;

/**
 * A step a connection's pipeline gets before jrpc's own, from settings rather than by rewriting
 * the initializer: TLS, for one, must see the raw bytes first.
 */
@FunctionalInterface
public interface PipelineStep {

	/** Adds this step's handlers to the end of {@code channel}'s pipeline, which is still empty of jrpc's. */
	void addTo(Channel channel);

}
