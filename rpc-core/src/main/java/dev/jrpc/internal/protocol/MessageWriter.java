package dev.jrpc.internal.protocol;

import java.util.function.Consumer;

import dev.jrpc.internal.json.ByteBufJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;

/**
 * Writes JSON-RPC messages into framed Netty buffers. A message that outgrows the size limit fails
 * with {@link dev.jrpc.internal.json.ByteBufJson.MessageTooLargeException} in its causes, and its
 * buffer is released.
 */
public final class MessageWriter {

	private final ObjectMapper mapper;

	private final Framing framing;

	private final boolean framed;

	private final int maxMessageSize;

	public MessageWriter(ObjectMapper mapper, Framing framing, int maxMessageSize) {
		this(mapper, framing, true, maxMessageSize);
	}

	private MessageWriter(ObjectMapper mapper, Framing framing, boolean framed, int maxMessageSize) {
		this.mapper = mapper;
		this.framing = framing;
		this.framed = framed;
		this.maxMessageSize = maxMessageSize;
	}

	/** A writer of bare JSON messages, to be put together into one frame, as the parts of a batch are. */
	public MessageWriter unframed() {
		return new MessageWriter(this.mapper, this.framing, false, this.maxMessageSize);
	}

	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	public Framing framing() {
		return this.framing;
	}

	public ObjectMapper mapper() {
		return this.mapper;
	}

	/** A framed buffer holding what {@code body} writes; released if writing fails. */
	public ByteBuf write(ByteBufAllocator allocator, Consumer<JsonGenerator> body) {
		ByteBuf buf = allocator.ioBuffer();
		try {
			int start = buf.writerIndex();
			if (this.framed) {
				this.framing.begin(buf);
			}
			try (JsonGenerator generator = ByteBufJson.generator(this.mapper, buf, this.maxMessageSize)) {
				body.accept(generator);
			}
			if (this.framed) {
				this.framing.end(buf, start);
			}
			return buf;
		}
		catch (RuntimeException | Error ex) {
			buf.release();
			throw ex;
		}
	}

	/** A success response whose result is written by {@code resultWriter}. */
	public ByteBuf success(ByteBufAllocator allocator, RequestId id, ObjectWriter resultWriter,
			@Nullable Object result) {
		return write(allocator, (generator) -> {
			startMessage(generator);
			generator.writeName(JsonRpc.ID_NAME);
			id.write(generator);
			generator.writeName(JsonRpc.RESULT_NAME);
			resultWriter.writeValue(generator, result);
			generator.writeEndObject();
		});
	}

	/** Opens a message object and writes its {@code "jsonrpc":"2.0"}. */
	public static void startMessage(JsonGenerator generator) {
		generator.writeStartObject();
		generator.writeName(JsonRpc.JSONRPC_NAME);
		generator.writeString(JsonRpc.VERSION_VALUE);
	}

	/** The answer to a {@code rpc.ping}. */
	public ByteBuf pong(ByteBufAllocator allocator, RequestId id) {
		return write(allocator, (generator) -> {
			startMessage(generator);
			generator.writeName(JsonRpc.ID_NAME);
			id.write(generator);
			generator.writeStringProperty(JsonRpc.RESULT, JsonRpc.PONG);
			generator.writeEndObject();
		});
	}

	/**
	 * The {@code rpc.goaway} notification: no more calls on this connection; those with ids above
	 * {@code lastId} did not run. {@code lastId} is 0 when no request was read.
	 */
	public ByteBuf goaway(ByteBufAllocator allocator, long lastId) {
		return write(allocator, (generator) -> {
			startMessage(generator);
			generator.writeStringProperty(JsonRpc.METHOD, JsonRpc.GOAWAY);
			generator.writeName(JsonRpc.PARAMS_NAME);
			generator.writeStartObject();
			generator.writeNumberProperty(JsonRpc.LAST_ID, lastId);
			generator.writeEndObject();
			generator.writeEndObject();
		});
	}

	/**
	 * An error response. When {@code exceptionType} is given, {@code data} carries it as
	 * {@code exceptionTypeName} together with the message.
	 */
	public ByteBuf error(ByteBufAllocator allocator, RequestId id, int code, String message,
			@Nullable String exceptionType) {
		return write(allocator, (generator) -> {
			startMessage(generator);
			generator.writeName(JsonRpc.ID_NAME);
			id.write(generator);
			generator.writeName(JsonRpc.ERROR_NAME);
			generator.writeStartObject();
			generator.writeNumberProperty(JsonRpc.CODE, code);
			generator.writeStringProperty(JsonRpc.MESSAGE, message);
			if (exceptionType != null) {
				generator.writeName(JsonRpc.DATA);
				generator.writeStartObject();
				generator.writeStringProperty(JsonRpc.EXCEPTION_TYPE_NAME, exceptionType);
				generator.writeStringProperty(JsonRpc.MESSAGE, message);
				generator.writeEndObject();
			}
			generator.writeEndObject();
			generator.writeEndObject();
		});
	}

}
