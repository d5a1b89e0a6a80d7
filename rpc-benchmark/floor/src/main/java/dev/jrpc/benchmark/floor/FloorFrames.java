package dev.jrpc.benchmark.floor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * The floor's frames: a 4-byte length, as jrpc's native frames, then an 8-byte request id, then,
 * in requests only, one byte naming the case; then the captured jrpc JSON, which nobody parses.
 * A frame is written as one composite buffer, its header and the shared payload, so that callers
 * on many threads never interleave and no payload byte is copied.
 */
final class FloorFrames {

	/** Largest frame, as jrpc's default limit. */
	static final int MAX_FRAME_SIZE = 8 * 1024 * 1024;

	private static final int LENGTH_FIELD = 4;

	private static final int REQUEST_HEADER = Long.BYTES + 1;

	private static final int RESPONSE_HEADER = Long.BYTES;

	private FloorFrames() {
	}

	/** Splits the stream into frames, stripping the length field. */
	static LengthFieldBasedFrameDecoder decoder() {
		return new LengthFieldBasedFrameDecoder(MAX_FRAME_SIZE, 0, LENGTH_FIELD, 0, LENGTH_FIELD);
	}

	/** A payload held for the life of the JVM and shared by every frame that sends it. */
	static ByteBuf sharedPayload(byte[] json) {
		return Unpooled.unreleasableBuffer(Unpooled.directBuffer(json.length).writeBytes(json));
	}

	static ByteBuf request(ByteBufAllocator alloc, long id, int caseIndex, ByteBuf sharedPayload) {
		ByteBuf payload = sharedPayload.duplicate();
		ByteBuf header = alloc.directBuffer(LENGTH_FIELD + REQUEST_HEADER)
			.writeInt(REQUEST_HEADER + payload.readableBytes())
			.writeLong(id)
			.writeByte(caseIndex);
		return alloc.compositeDirectBuffer(2).addComponents(true, header, payload);
	}

	static ByteBuf response(ByteBufAllocator alloc, long id, ByteBuf sharedPayload) {
		ByteBuf payload = sharedPayload.duplicate();
		ByteBuf header = alloc.directBuffer(LENGTH_FIELD + RESPONSE_HEADER)
			.writeInt(RESPONSE_HEADER + payload.readableBytes())
			.writeLong(id);
		return alloc.compositeDirectBuffer(2).addComponents(true, header, payload);
	}

}
