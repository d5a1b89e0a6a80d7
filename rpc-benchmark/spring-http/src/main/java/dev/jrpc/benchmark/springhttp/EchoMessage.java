package dev.jrpc.benchmark.springhttp;

/**
 * The JSON body of the echo, both ways: {@code {"text":"..."}}. A bare {@code String} body would go
 * through Spring's {@code StringHttpMessageConverter} as plain text, and the echo would then measure
 * no JSON at all, unlike every other system's.
 */
record EchoMessage(String text) {
}
