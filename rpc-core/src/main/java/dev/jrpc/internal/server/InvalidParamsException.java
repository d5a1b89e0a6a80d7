package dev.jrpc.internal.server;

/** Parameters that do not fit the method; answered with -32602. Carries no stack trace. */
final class InvalidParamsException extends RuntimeException {

	InvalidParamsException(String message) {
		super(message, null, false, false);
	}

}
