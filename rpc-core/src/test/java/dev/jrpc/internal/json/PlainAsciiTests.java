package dev.jrpc.internal.json;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time check against every byte it must catch, wherever it is in a word. */
class PlainAsciiTests {

	private static final byte[] CLEAN = "..abcdefghijklmnopqrstuvwxyz012345..".getBytes();

	@Test
	void findsEachByteThatIsNotPlainTextWhereverItIsInAWord() {
		assertThat(PlainAscii.isPlain(CLEAN, 2, CLEAN.length - 4)).isTrue();
		for (int at = 2; at < CLEAN.length - 2; at++) {
			for (int special : new int[] { '"', '\\', 0, 0x1f, '\n', 0x80, 0xc3, 0xff }) {
				byte[] text = CLEAN.clone();
				text[at] = (byte) special;
				assertThat(PlainAscii.isPlain(text, 2, text.length - 4)).as("byte %d at %d", special, at).isFalse();
			}
			for (byte fine : new byte[] { ' ', '!', '#', '[', ']', 0x7f, '~' }) {
				byte[] text = CLEAN.clone();
				text[at] = fine;
				assertThat(PlainAscii.isPlain(text, 2, text.length - 4)).as("byte %d at %d", fine, at).isTrue();
			}
		}
	}

	@Test
	void findsTheFirstByteThatIsNotPlainTextInHeapAndDirectBuffers() {
		for (boolean direct : new boolean[] { false, true }) {
			for (int at = 2; at < CLEAN.length; at++) {
				byte[] text = CLEAN.clone();
				text[at] = '"';
				text[Math.min(at + 3, text.length - 1)] = 0x01;
				ByteBuffer buffer = (direct ? ByteBuffer.allocateDirect(text.length).put(text).flip() : ByteBuffer.wrap(text))
					.order(ByteOrder.LITTLE_ENDIAN);
				assertThat(PlainAscii.firstNotPlain(buffer, 2)).as("quote at %d", at).isEqualTo(at);
			}
			ByteBuffer clean = (direct ? ByteBuffer.allocateDirect(CLEAN.length).put(CLEAN).flip() : ByteBuffer.wrap(CLEAN))
				.order(ByteOrder.LITTLE_ENDIAN);
			assertThat(PlainAscii.firstNotPlain(clean, 0)).isEqualTo(CLEAN.length);
		}
	}

	@Test
	void looksOnlyAtTheBytesItIsGiven() {
		byte[] text = CLEAN.clone();
		text[0] = '"';
		text[text.length - 1] = (byte) 0xff;
		assertThat(PlainAscii.isPlain(text, 1, text.length - 2)).isTrue();
		assertThat(PlainAscii.isPlain(text, 0, text.length - 2)).isFalse();
		assertThat(PlainAscii.isPlain(text, 1, text.length - 1)).isFalse();
	}

}
