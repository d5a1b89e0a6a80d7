"""A small JSON-RPC 2.0 client for jrpc servers, with the Python standard library only.

It speaks jrpc's JSON stream framing (see docs/protocol.md): each request is sent as compact JSON
followed by a newline, and the server answers each call with one line of compact JSON.

    from jrpc_client import JsonRpcClient, JsonRpcError

    with JsonRpcClient("127.0.0.1", 7070) as client:
        client.call("dev.jrpc.demo.api.GreetingService.greet", "Ada")          # positional
        client.call("dev.jrpc.demo.api.OrderService.ordersOf", customer="Ada")  # by name
        client.notify("dev.jrpc.demo.api.GreetingService.greet", "nobody")     # no answer

Requires Python 3.8 or later.
"""

import itertools
import json
import socket
import threading

__all__ = ["JsonRpcClient", "JsonRpcError"]


class JsonRpcError(Exception):
    """The server answered a call with a JSON-RPC error object.

    ``code`` is the JSON-RPC error code (-32000 when the service method threw), ``message`` the
    error's message and ``data`` its optional data: for jrpc's -32000, a dict with
    ``exceptionTypeName`` (the Java exception's class) and ``message``.
    """

    def __init__(self, code, message, data=None):
        super().__init__("JSON-RPC error {}: {}".format(code, message))
        self.code = code
        self.message = message
        self.data = data


class JsonRpcClient:
    """One TCP connection to a JSON-RPC server; calls on it are made one at a time.

    ``timeout`` (seconds) bounds connecting and waiting for each answer; a call that times out
    raises ``socket.timeout`` (``TimeoutError`` from Python 3.10) and closes the connection,
    since a late answer would otherwise be taken for the answer to the next call.

    ``parse_float`` is passed to ``json.loads``: ``decimal.Decimal`` keeps the digits of Java
    ``BigDecimal`` values, such as prices (``42.00`` stays ``Decimal('42.00')``).
    """

    def __init__(self, host="127.0.0.1", port=7070, timeout=5.0, parse_float=None):
        self._socket = socket.create_connection((host, port), timeout=timeout)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._reader = self._socket.makefile("rb")
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False
        self._parse_float = parse_float

    def call(self, method, /, *args, **kwargs):
        """Calls ``method`` and returns its result, decoded from JSON.

        Positional arguments are sent as a JSON array, keyword arguments as a JSON object (by
        the Java parameter names); a call may use one or the other, not both.

        Raises JsonRpcError when the server answers with an error, ConnectionError when the
        server closes the connection first.
        """
        with self._lock:
            request_id = next(self._ids)
            self._send(self._request(method, args, kwargs, request_id))
            try:
                response = self._read_response(request_id)
            except socket.timeout:
                self._close()
                raise
        if "error" in response:
            error = response["error"]
            raise JsonRpcError(error.get("code"), error.get("message"), error.get("data"))
        return response.get("result")

    def discover(self):
        """Asks the server to describe itself (OpenRPC's ``rpc.discover``) and returns its
        methods: a dict of each method's name to the names of its parameters. The whole OpenRPC
        document is ``client.call("rpc.discover")``."""
        document = self.call("rpc.discover")
        return {method["name"]: [param["name"] for param in method["params"]]
                for method in document["methods"]}

    def notify(self, method, /, *args, **kwargs):
        """Sends ``method`` as a notification: the server runs it and answers nothing."""
        with self._lock:
            self._send(self._request(method, args, kwargs, None))

    def close(self):
        """Closes the connection."""
        with self._lock:
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @staticmethod
    def _request(method, args, kwargs, request_id):
        if args and kwargs:
            raise TypeError("JSON-RPC sends either positional or keyword arguments, not both")
        request = {"jsonrpc": "2.0", "method": method}
        if kwargs:
            request["params"] = kwargs
        else:
            request["params"] = list(args)
        if request_id is not None:
            request["id"] = request_id
        return request

    def _send(self, request):
        if self._closed:
            raise ConnectionError("the connection is closed")
        text = json.dumps(request, separators=(",", ":"), ensure_ascii=False)
        self._socket.sendall(text.encode("utf-8") + b"\n")

    def _read_response(self, request_id):
        while True:
            line = self._reader.readline()
            if not line:
                self._close()
                raise ConnectionError("the server closed the connection before answering")
            if not line.strip():
                continue
            response = json.loads(line.decode("utf-8"), parse_float=self._parse_float)
            if response.get("id") == request_id:
                return response
            if response.get("id") is None and "error" in response:
                # An error about the connection itself (a parse error, an oversized message).
                error = response["error"]
                raise JsonRpcError(error.get("code"), error.get("message"), error.get("data"))
            # An answer to something else: skip it.

    def _close(self):
        if not self._closed:
            self._closed = True
            self._reader.close()
            self._socket.close()
