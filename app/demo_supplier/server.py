"""Running the demo supplier beside the portal: in a thread of `portal demo`, or on its own."""

import threading

import uvicorn

from app.demo_supplier.app import create_supplier_app

_ANY_ADDRESS = ("0.0.0.0", "::", "")


def origin(host: str, port: int) -> str:
    # Listening on every interface still needs an address a browser can open in StartPage URLs.
    return f"http://{'127.0.0.1' if host in _ANY_ADDRESS else host}:{port}"


def make_server(host: str, port: int, log_level: str = "warning") -> uvicorn.Server:
    app = create_supplier_app(origin(host, port))
    return uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level=log_level))


class SupplierThread(threading.Thread):
    """A daemon thread serving the shop; `stop()` ends it cleanly (the process's exit ends it anyway)."""

    def __init__(self, server: uvicorn.Server) -> None:
        super().__init__(target=server.run, name="demo-supplier", daemon=True)
        self.server = server

    def stop(self, timeout: float = 5) -> None:
        self.server.should_exit = True
        self.join(timeout)


def serve_in_background(host: str, port: int) -> threading.Thread:
    thread = SupplierThread(make_server(host, port))
    thread.start()
    return thread
