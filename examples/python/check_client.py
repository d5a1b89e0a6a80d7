"""Checks jrpc_client.py against a jrpc server that exports rpc-core's test service
dev.jrpc.testing.Greeter; rpc-core's PythonClientTests starts that server and runs this script.

    python3 check_client.py PORT

Prints one line per check and exits with 0 when every answer was the expected one, 1 otherwise.
"""

import json
import sys

from jrpc_client import JsonRpcClient, JsonRpcError

GREETER = "dev.jrpc.testing.Greeter."


def expect(label, actual, expected):
    print("{}: {}".format(label, json.dumps(actual, sort_keys=True, ensure_ascii=False)))
    if actual != expected:
        raise AssertionError("{}: expected {!r}, got {!r}".format(label, expected, actual))


def expect_error(label, call, code):
    try:
        call()
    except JsonRpcError as error:
        if isinstance(error.data, dict):
            # The service method threw: data names the Java exception.
            print("{}: {} {} {}".format(label, error.code, error.message, error.data["exceptionTypeName"]))
        else:
            print("{}: {}".format(label, error.code))
        if error.code != code:
            raise AssertionError("{}: expected error {}, got {}".format(label, code, error.code))
        return error
    raise AssertionError("{}: expected error {}, got none".format(label, code))


def main(port):
    with JsonRpcClient("127.0.0.1", port, timeout=5.0) as client:
        expect("positional", client.call(GREETER + "greet", "Ada"), "Hello, Ada")
        expect("numbers", client.call(GREETER + "add", 2, 40), 42)
        expect("keyword", client.call(GREETER + "item", date="2024-02-29", name="xyz"),
               {"name": "xyz", "count": 3, "date": "2024-02-29"})
        expect("unicode", client.call(GREETER + "echo", "h\u00e9llo \u2713"), "h\u00e9llo \u2713")
        client.notify(GREETER + "echo", "noted")
        expect_error("remote", lambda: client.call(GREETER + "fail", "boom"), -32000)
        expect_error("unknown", lambda: client.call(GREETER + "wave"), -32601)
        expect_error("params", lambda: client.call(GREETER + "item", name="xyz", when="today"), -32602)
        try:
            client.call(GREETER + "item", "xyz", date="2024-02-29")
            raise AssertionError("both: expected a TypeError")
        except TypeError:
            print("both: TypeError")
        expect("after errors", client.call(GREETER + "greet", "again"), "Hello, again")
        methods = client.discover()
        expect("discover", methods[GREETER + "item"], ["name", "date"])
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(int(sys.argv[1])))
    except AssertionError as failure:
        print("FAILED: {}".format(failure))
        sys.exit(1)
