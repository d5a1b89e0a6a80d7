package dev.jrpc.spring.test;

import java.time.LocalDate;
import java.util.List;

/** A service interface for the test module's own tests. */
public interface Inventory {

	Stock stock(String item);

	/** A record with a list and a java.time value, to cross the wire both ways. */
	record Stock(String item, int count, List<String> places, LocalDate counted) {
	}

}
