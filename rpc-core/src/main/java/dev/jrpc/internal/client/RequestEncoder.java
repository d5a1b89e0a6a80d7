package dev.jrpc.internal.client;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jrpc.RpcMetadata;
import dev.jrpc.RpcProtocolException;
import dev.jrpc.internal.json.ByteBufJson;
import dev.jrpc.internal.protocol.JsonRpc;
import dev.jrpc.internal.protocol.MessageWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import tools.jackson.databind.JsonNode;

/**
 * Writes a call's request straight into a framed buffer: {@code jsonrpc}, {@code id} (none for a
 * one-way call), {@code method}, {@code params}, then jrpc's {@code timeout} (the milliseconds the
 * caller will still wait) and, when interceptors wrote any, {@code meta}. A request that outgrows
 * the frame limit fails before anything is sent.
 */
final class RequestEncoder {

	/** The id of a request sent as a notification: it has none. */
	static final long NO_ID = 0;

	private final MessageWriter writer;

	RequestEncoder(MessageWriter writer) {
		this.writer = writer;
	}

	/**
	 * The request of {@code call} with {@code id}.
	 * @throws RpcProtocolException when it cannot be written; nothing was sent
	 */
	ByteBuf encode(ByteBufAllocator allocator, OutgoingCall call, long id) {
		ClientMethod method = call.clientMethod();
		Object[] arguments = call.argumentArray();
		long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime()));
		RpcMetadata metadata = call.metadataToSend();
		try {
			return this.writer.write(allocator, (generator) -> {
				MessageWriter.startMessage(generator);
				if (id != NO_ID) {
					generator.writeName(JsonRpc.ID_NAME);
					generator.writeNumber(id);
				}
				generator.writeName(JsonRpc.METHOD_NAME);
				generator.writeString(method.wireName());
				generator.writeName(JsonRpc.PARAMS_NAME);
				generator.writeStartArray();
				for (int i = 0; i < method.parameterCount(); i++) {
					method.parameterWriter(i).writeValue(generator, arguments[i]);
				}
				generator.writeEndArray();
				generator.writeName(JsonRpc.TIMEOUT_NAME);
				generator.writeNumber(timeoutMillis);
				if (metadata != null) {
					generator.writeName(JsonRpc.META_NAME);
					generator.writeStartObject();
					for (Map.Entry<String, JsonNode> entry : metadata.asMap().entrySet()) {
						generator.writeName(entry.getKey());
						generator.writeTree(entry.getValue());
					}
					generator.writeEndObject();
				}
				generator.writeEndObject();
			});
		}
		catch (RuntimeException ex) {
			ByteBufJson.MessageTooLargeException tooLarge = ByteBufJson.findTooLarge(ex);
			if (tooLarge != null) {
				throw new RpcProtocolException("The request for " + method.displayName()
						+ " is larger than the frame limit of " + tooLarge.limit()
						+ " bytes (rpc.client.max-frame-size); nothing was sent");
			}
			throw new RpcProtocolException("Could not write the arguments of " + method.displayName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** A {@code rpc.ping} request with {@code id}. */
	ByteBuf ping(ByteBufAllocator allocator, long id) {
		return this.writer.write(allocator, (generator) -> {
			MessageWriter.startMessage(generator);
			generator.writeName(JsonRpc.ID_NAME);
			generator.writeNumber(id);
			generator.writeStringProperty(JsonRpc.METHOD, JsonRpc.PING);
			generator.writeEndObject();
		});
	}

}
