"""`python -m tests.stripe_server [--port N]`: run the test Stripe server on 127.0.0.1.

Prints `LISTENING <port>` once the socket is bound (port 0 picks a free one).
"""

from __future__ import annotations

import argparse
import logging
import socket

from aiohttp import web

from tests.stripe_server.app import build_app


def main() -> None:
    """Bind, announce the port, serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    port = sock.getsockname()[1]
    logging.basicConfig(level=logging.INFO)
    app = build_app(f"http://127.0.0.1:{port}")
    print(f"LISTENING {port}", flush=True)
    web.run_app(app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    main()
