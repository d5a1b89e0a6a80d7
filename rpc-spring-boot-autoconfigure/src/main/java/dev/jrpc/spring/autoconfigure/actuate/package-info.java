/**
 * The {@code rpc} health component and the {@code rpc} Actuator endpoint: configured only when the
 * application has Spring Boot's health support or Actuator.
 */
@NullMarked
package dev.jrpc.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
