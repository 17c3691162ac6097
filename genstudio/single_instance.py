"""One GenStudio window per history: a second launch hands its arguments over and leaves.

Two windows on one history would both resume the same running tasks and save every
output twice. The first launch holds a ``QLockFile`` beside the history and listens on
a ``QLocalServer`` named after the user and the history's path once its window is
painted, or before a dialog that comes first (QtNetwork is not loaded before the first
paint: a later launch meanwhile retries for seconds). A later launch finds the lock held,
sends its arguments through a ``QLocalSocket``, and the running window (or the dialog
it waits on) comes to the front. A lock left by a crashed GenStudio names a process that
no longer runs: ``QLockFile`` takes it over, and the server's leftover socket is removed.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QThread, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_ACK = b"ok\n"


def server_name(history: Path) -> str:
    """Per user and per history: two users, or two histories, never meet."""
    import getpass  # with termios: when first listening or handing over, after the paint

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    import hashlib  # when first listening or handing over: it loads OpenSSL

    digest = hashlib.sha256(str(history.resolve()).encode("utf-8")).hexdigest()[:16]
    safe_user = "".join(c if c.isalnum() else "_" for c in user)[:32]
    return f"GenStudio-{safe_user}-{digest}"


class InstanceGuard(QObject):
    """Holds the history for this process. ``arrived`` carries the arguments of each
    later launch, to be acted on by the running window."""

    arrived = Signal(list)

    def __init__(self, history: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history = history
        history.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(history.with_name(history.name + ".lock")))
        # 0: stale only when its process is gone, never by age (a window runs for days).
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @functools.cached_property
    def name(self) -> str:
        """The local server's name: asked for once the window is painted, or by a later
        launch handing over."""
        return server_name(self._history)

    def acquire(self) -> bool:
        """True when this process is the one GenStudio on the history (or the lock cannot
        be made at all, e.g. a read-only folder, which the history itself then says);
        False when another running GenStudio holds it."""
        if not self._lock.tryLock(200):
            if self._lock.error() is QLockFile.LockError.LockFailedError:
                return False
            log.warning("no single-instance lock (%s): going on without", self._lock.error())
        return True

    def listen(self) -> None:
        """Holding the lock, let later launches reach this one (again a no-op)."""
        if self._server is not None or not self._lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        # Holding the lock: a socket of the same name is a crashed run's leftover.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("later launches cannot reach this one: %s", server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            args = json.loads(line)
        except ValueError:
            args = None
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            log.warning("ignored a message from another launch: %r", line[:200])
            socket.disconnectFromServer()
            return
        socket.write(_ACK)
        socket.flush()
        log.info("another launch handed over %s", args)
        self.arrived.emit(args)

    def hand_over(self, args: list[str], timeout_ms: int = 10_000) -> bool:
        """From a later launch (no event loop yet): give ``args`` to the running one.
        True once it confirmed."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = QDeadlineTimer(timeout_ms)
        # The running one may hold the lock and not listen yet: it is starting.
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(min(200, timeout_ms)):
                break
            if deadline.hasExpired():
                log.warning("the running GenStudio does not answer: %s", socket.errorString())
                return False
            QThread.msleep(100)
        socket.write(json.dumps(args).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
            answer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return answer == _ACK
