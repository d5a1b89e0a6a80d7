package dev.jrpc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Helpers for the fuzz tests: how a fuzzer's bytes arrive at a decoder, and which of its failures
 * are refusals rather than findings.
 */
public final class FuzzInput {

	private FuzzInput() {
	}

	/**
	 * {@code input} cut into the reads a connection might deliver: the first byte chooses the size
	 * of the reads (1 to 64 bytes), so the fuzzer explores where messages are cut as well as what
	 * they hold. Each read is a buffer of its own, to be released by whoever takes it.
	 */
	public static List<ByteBuf> reads(byte[] input) {
		List<ByteBuf> reads = new ArrayList<>();
		if (input.length == 0) {
			return reads;
		}
		int size = 1 + (input[0] & 0x3f);
		for (int start = 0; start < input.length; start += size) {
			reads.add(Unpooled.copiedBuffer(input, start, Math.min(size, input.length - start)));
		}
		return reads;
	}

	/**
	 * Feeds {@code input} to {@code channel} in {@link #reads}, hands each message that comes out to
	 * {@code messages} (which releases it), and ends the stream, as a peer closing its connection
	 * does. It stops early when the channel closes itself or refuses the input; a refusal, the
	 * exception a decoder documents, is no finding. Anything else thrown is: Netty wraps any other
	 * exception thrown while decoding in a plain {@code DecoderException}.
	 */
	public static void decode(EmbeddedChannel channel, byte[] input, Consumer<ByteBuf> messages) {
		try {
			for (ByteBuf read : reads(input)) {
				if (!channel.isOpen()) {
					read.release();
					continue;
				}
				channel.writeInbound(read);
				drain(channel, messages);
			}
			channel.finish();
			drain(channel, messages);
		}
		catch (CorruptedFrameException | TooLongFrameException refused) {
			// The decoder refused the input, as it documents.
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	private static void drain(EmbeddedChannel channel, Consumer<ByteBuf> messages) {
		ByteBuf message;
		while ((message = channel.readInbound()) != null) {
			try {
				messages.accept(message);
			}
			finally {
				message.release();
			}
		}
	}

}
