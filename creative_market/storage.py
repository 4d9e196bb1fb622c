"""The file storage port, and a local-directory implementation of it."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Protocol


class FileStorage(Protocol):
    """Where listing images, previews and deliverable files live."""

    def save(self, data: bytes | BinaryIO, *, suffix: str = "") -> str:
        """Store bytes and return the new, unguessable storage key."""
        ...

    def open(self, key: str) -> BinaryIO:
        """Open a stored file for reading."""
        ...

    def path(self, key: str) -> Path | None:
        """A local path for efficient serving, or None when the storage is remote."""
        ...

    def delete(self, key: str) -> None:
        """Remove a stored file; a missing file is not an error."""
        ...


class LocalFileStorage:
    """Files in a local directory, sharded by the first characters of their key."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _resolve(self, key: str) -> Path:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"Invalid storage key {key!r}.")
        return self.root / key[:2] / key

    def save(self, data: bytes | BinaryIO, *, suffix: str = "") -> str:
        """Store bytes and return the new storage key."""
        payload = data if isinstance(data, bytes) else data.read()
        clean_suffix = "".join(ch for ch in suffix.lower() if ch.isalnum() or ch == ".")[:10]
        key = secrets.token_hex(16) + clean_suffix
        target = self._resolve(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".part")
        temporary.write_bytes(payload)
        temporary.replace(target)  # atomic: a reader never sees half a file
        return key

    def open(self, key: str) -> BinaryIO:
        """Open a stored file for reading."""
        return self._resolve(key).open("rb")

    def path(self, key: str) -> Path | None:
        """The file's local path."""
        return self._resolve(key)

    def delete(self, key: str) -> None:
        """Remove a stored file."""
        self._resolve(key).unlink(missing_ok=True)


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of `data`, recorded beside stored files."""
    return hashlib.sha256(data).hexdigest()
