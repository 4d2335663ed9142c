"""Sign-ups per client address per hour, counted in memory (one service process; a restart forgets).

Client addresses are kept only as long as their window lasts, and never logged.
"""

import threading
import time
from collections import defaultdict, deque


class RateLimit:
    def __init__(self, limit, window=3600.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._hits = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key):
        """Count one attempt for ``key``; False when it already had ``limit`` in the window."""
        now = self.clock()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10000:  # forget clients whose window has passed
                for old in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
                    del self._hits[old]
            return True
