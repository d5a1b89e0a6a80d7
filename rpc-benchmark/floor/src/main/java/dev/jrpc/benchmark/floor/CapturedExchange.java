package dev.jrpc.benchmark.floor;

/** One request and its response as jrpc wrote them on the wire: the JSON of each native frame. */
record CapturedExchange(byte[] request, byte[] response) {
}
