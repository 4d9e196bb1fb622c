"""Start and stop the test Stripe server in a subprocess, and talk to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import stripe

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_SECRET_KEY = "sk_test_creative_market"


@dataclass
class StripeServer:
    """A running test server: its base URL, and helpers standing in for the buyer."""

    process: subprocess.Popen | None = None
    port: int = 0
    secret_key: str = TEST_SECRET_KEY
    _seen_events: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:40123 (what STRIPE_API_BASE is set to)."""
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls) -> StripeServer:
        """Launch `python -m tests.stripe_server --port 0` and wait until it listens."""
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.stripe_server", "--port", "0"],
            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("LISTENING "):
            process.kill()
            raise RuntimeError(f"The test Stripe server did not start: {line!r}")
        return cls(process=process, port=int(line.split()[1]))

    def stop(self) -> None:
        """Terminate the subprocess."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def client(self) -> stripe.StripeClient:
        """A real StripeClient pointed at this server."""
        return stripe.StripeClient(self.secret_key, base_addresses={"api": self.url},
                                   max_network_retries=0)

    def _post(self, path: str, **form: str) -> dict[str, Any]:
        data = "&".join(f"{k}={v}" for k, v in form.items()).encode()
        request = urllib.request.Request(self.url + path, data=data, method="POST", headers={
            "Authorization": f"Bearer {self.secret_key}",
            "Content-Type": "application/x-www-form-urlencoded",
        })
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return {"status": error.code, **json.loads(error.read())}

    def pay(self, session_id: str, outcome: str = "paid") -> dict[str, Any]:
        """The buyer pays on the hosted page: outcome paid, declined or delayed."""
        return self._post(f"/_test/checkout/sessions/{session_id}/pay", outcome=outcome)

    def settle(self, session_id: str, outcome: str = "succeeded") -> dict[str, Any]:
        """A delayed payment settles (succeeded) or fails (failed)."""
        return self._post(f"/_test/checkout/sessions/{session_id}/settle", outcome=outcome)

    def reset(self) -> None:
        """Start afresh: the server forgets everything (between tests)."""
        self._post("/_test/reset")
        self._seen_events.clear()

    def requests(self) -> list[dict[str, Any]]:
        """Every request the server received so far."""
        request = urllib.request.Request(self.url + "/_test/requests", headers={
            "Authorization": f"Bearer {self.secret_key}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["data"]

    def new_events(self, types: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """Events not handed out before, oldest first, through the stripe library."""
        listing = self.client().v1.events.list(params={"limit": 100})
        fresh = [e for e in listing.data if e.id not in self._seen_events]
        self._seen_events.update(e.id for e in fresh)
        events = [e.to_dict() for e in sorted(fresh, key=lambda e: e.created)]
        return [e for e in events if not types or e["type"] in types]
