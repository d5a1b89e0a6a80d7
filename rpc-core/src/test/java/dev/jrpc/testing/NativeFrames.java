package dev.jrpc.testing;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Native frames for handler tests: a 4-byte length, then the JSON. */
public final class NativeFrames {

	private NativeFrames() {
	}

	/** {@code json} as a native frame. */
	public static ByteBuf frame(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return Unpooled.buffer().writeInt(body.length).writeBytes(body);
	}

	/** The JSON of a native frame, which is released; null for none. */
	public static String body(ByteBuf frame) {
		if (frame == null) {
			return null;
		}
		try {
			return frame.toString(Integer.BYTES, frame.readableBytes() - Integer.BYTES, StandardCharsets.UTF_8);
		}
		finally {
			frame.release();
		}
	}

}
