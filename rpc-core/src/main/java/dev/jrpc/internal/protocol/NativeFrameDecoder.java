package dev.jrpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Splits native frames, a 4-byte big-endian length then that many bytes, with Netty's own decoder,
 * which fails as soon as a header announces more than the limit, before buffering the body. A
 * header whose first byte is not zero is no native frame at all (frames are below 16 MiB): it fails
 * as such, so that a peer speaking another protocol is not reported as sending too large a message.
 */
final class NativeFrameDecoder extends LengthFieldBasedFrameDecoder implements MessageDecoder {

	private final int maxFrameSize;

	private long decoded;

	/** Whether the input proved not to be native frames, or too large: the rest of it is discarded. */
	private boolean failed;

	NativeFrameDecoder(int maxFrameSize) {
		super(maxFrameSize + Framing.HEADER_LENGTH, 0, Framing.HEADER_LENGTH, 0, Framing.HEADER_LENGTH, true);
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return null;
		}
		// Netty's decoder leaves the reader index on the header until the whole frame has arrived.
		if (in.isReadable() && in.getByte(in.readerIndex()) != 0) {
			byte first = in.getByte(in.readerIndex());
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw new CorruptedFrameException(("not a jrpc native frame: a frame starts with byte 0x00, this one with"
					+ " 0x%02x (%s); is the peer speaking another protocol?").formatted(first & 0xff, printable(first)));
		}
		Object frame;
		try {
			frame = super.decode(ctx, in);
		}
		catch (TooLongFrameException ex) {
			// The connection closes: what follows is the rest of that frame, never a header.
			this.failed = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
		if (frame != null) {
			this.decoded++;
		}
		return frame;
	}

	private static String printable(byte b) {
		return (b >= 0x20 && b < 0x7f) ? "'" + (char) b + "'" : "not printable";
	}

	@Override
	public boolean holdsPartialMessage() {
		return actualReadableBytes() > 0;
	}

	/** The header and the length it announces, within the limit; just the header while it is incomplete. */
	@Override
	public long partialMessageBound() {
		ByteBuf buffered = internalBuffer();
		if (buffered.readableBytes() < Framing.HEADER_LENGTH) {
			return Framing.HEADER_LENGTH;
		}
		return Framing.HEADER_LENGTH + Math.min(buffered.getUnsignedInt(buffered.readerIndex()), this.maxFrameSize);
	}

	@Override
	public long messagesDecoded() {
		return this.decoded;
	}

}
