package dev.jrpc.demo.api;

import java.math.BigDecimal;

/**
 * One line of an {@link Order}.
 *
 * @param product what was ordered
 * @param quantity how many
 * @param unitPrice the price of one, a JSON number such as {@code 12.50}
 */
public record OrderLine(String product, int quantity, BigDecimal unitPrice) {
}
