package dev.jrpc.benchmark.springhttp;

/**
 * The JSON body of the byte-array echo, both ways: {@code {"data":"<base64>"}}, as Jackson writes a
 * {@code byte[]}, and as jrpc's JSON carries it too.
 */
record BytesMessage(byte[] data) {
}
