package dev.jrpc.demo.api;

import java.time.Instant;
import java.util.List;

/**
 * An order as it crosses the wire: a JSON object whose {@code lines} is an array and whose
 * {@code placedAt} is an ISO-8601 string such as {@code "2026-03-14T09:26:53Z"}.
 *
 * @param id the order's number
 * @param customer who placed it
 * @param lines what was ordered
 * @param placedAt when it was placed
 */
public record Order(long id, String customer, List<OrderLine> lines, Instant placedAt) {
}
