"""Ctrl-C and SIGTERM during a long write: the first asks the writer to stop at its next safe
point (after the batch being written), the second stops at once."""
from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopRequest:
    """While entered, SIGINT and SIGTERM set `requested()` instead of stopping the process; a second
    one restores the usual handling and raises KeyboardInterrupt."""

    def __init__(self) -> None:
        self.signal_number = 0
        self._previous: dict[int, object] = {}

    def requested(self) -> bool:
        """True once a stop was asked for."""
        return self.signal_number != 0

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.requested():
            self._restore()
            raise KeyboardInterrupt
        self.signal_number = number
        print(f"\n{signal.Signals(number).name}: stopping after the batch being written "
              "(press Ctrl-C again to stop at once)", file=sys.stderr, flush=True)

    def _restore(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is not threading.main_thread():
            return self  # only the main thread may set handlers; elsewhere signals act as usual
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        self._restore()
