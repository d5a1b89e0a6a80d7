package dev.jrpc.spring.autoconfigure;

import dev.jrpc.RpcJsonMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Builds jrpc's JSON mapper for one side, with the application's customizers applied. */
final class RpcJsonMappers {

	private RpcJsonMappers() {
	}

	static JsonMapper create(DataSize maxFrameSize, ObjectProvider<RpcJsonMapperCustomizer> customizers) {
		JsonMapper.Builder builder = RpcJsonMapper.builder(maxFrameSize.toBytes());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** A frame limit as the int the engine takes, rejecting sizes it cannot use with the property's name. */
	static int frameSize(DataSize size, String property) {
		long bytes = size.toBytes();
		if (bytes <= 0 || bytes >= 16L * 1024 * 1024) {
			throw new IllegalStateException(property + " must be positive and below 16MB (so that a native frame "
					+ "starts with 0x00), was " + size);
		}
		return (int) bytes;
	}

}
