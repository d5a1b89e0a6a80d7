"""Calls the jrpc demo server from Python, with jrpc_client.py.

Start the demo server first (from the repository's root; ./run-demo.sh builds it):

    java -jar demo-server/target/demo-server.jar

then, from this directory:

    python3 example.py [host] [port]

(127.0.0.1 and 7070 by default).
"""

import sys
from decimal import Decimal

from jrpc_client import JsonRpcClient, JsonRpcError

GREETINGS = "dev.jrpc.demo.api.GreetingService."
ORDERS = "dev.jrpc.demo.api.OrderService."


def main(host="127.0.0.1", port=7070):
    # Decimal keeps the digits of prices (BigDecimal in Java): 42.00, not 42.0.
    with JsonRpcClient(host, port, parse_float=Decimal) as client:
        # Positional parameters: a JSON array.
        print(client.call(GREETINGS + "greet", "Ada"))

        # A record comes back as a dict, its list of lines as a list.
        order = client.call(ORDERS + "findOrder", 1)
        print("order {} of {}, placed at {}:".format(order["id"], order["customer"], order["placedAt"]))
        for line in order["lines"]:
            print("  {} x {} at {}".format(line["quantity"], line["product"], line["unitPrice"]))

        # Keyword parameters: a JSON object, by the names of the Java parameters.
        orders = client.call(ORDERS + "ordersOf", customer="Charles Babbage")
        print("Charles Babbage has orders {}".format([o["id"] for o in orders]))

        # A notification: the server runs it and answers nothing.
        client.notify(GREETINGS + "greet", "nobody")

        # The service method threw: a JsonRpcError with the Java exception in its data.
        try:
            client.call(ORDERS + "findOrder", 999)
        except JsonRpcError as error:
            print("error {}: {} ({})".format(error.code, error.message, error.data["exceptionTypeName"]))

        # An unknown method.
        try:
            client.call(GREETINGS + "wave")
        except JsonRpcError as error:
            print("error {}: {}".format(error.code, error.message))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 7070)
