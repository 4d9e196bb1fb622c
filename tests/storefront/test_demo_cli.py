"""`python -m storefront.demo serve`, the command behind `make run`, in a real subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_serve_prepares_the_demo_and_answers_on_host_and_port(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite'}",
           "STORAGE_DIR": str(tmp_path / "storage"), "SEARCH_INDEX_DIR": str(tmp_path / "index"),
           "PYTHONPATH": str(ROOT)}
    env.pop("CREATIVE_MARKET_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "storefront.demo", "serve"], cwd=tmp_path,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        output = []
        for line in process.stdout:  # the server prints its address once it is ready
            output.append(line)
            if "Serving Creative Market on" in line:
                break
        assert process.poll() is None, "".join(output)
        text = "".join(output)
        assert "Demo catalogue loaded: 341 listings" in text
        assert "seller@demo.az" in text and "demo-seller-2026" in text
        status, page = _get_when_up(f"http://127.0.0.1:{port}/")
        assert status == 200 and "<html" in page
        status, results = fetch(f"http://127.0.0.1:{port}/search?q=xalca")
        assert status == 200 and "xalça" in results
    finally:
        process.terminate()
        process.wait(timeout=20)
    again = subprocess.run([sys.executable, "-m", "storefront.demo", "load"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Demo catalogue kept: 341 listings" in again.stdout


def _get_when_up(url: str) -> tuple[int, str]:
    deadline = time.monotonic() + 30
    while True:
        try:
            return fetch(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
