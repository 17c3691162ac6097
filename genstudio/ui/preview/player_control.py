"""Driving a QMediaPlayer from the event loop, never straight from Python.

Stopping or switching a source makes the FFmpeg backend's threads tear down objects
connected to Python-made ones (a QAudioOutput, a QVideoSink), which needs the GIL. A
direct call from Python holds the GIL while it waits for those threads: a deadlock
(seen in the tests with py-spy: the GUI thread in QObject::disconnect, a Qt thread in
Sbk_GetPyOverride). Queued calls run from the event loop without the GIL, in order.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QGenericArgumentHolder, QMetaObject, QObject, Qt, QUrl


def queue_call(target: QObject, method: str, *args: QGenericArgumentHolder) -> None:
    QMetaObject.invokeMethod(target, method, Qt.ConnectionType.QueuedConnection, *args)


def url_arg(url: QUrl) -> QGenericArgumentHolder:
    return Q_ARG(QUrl, url)
