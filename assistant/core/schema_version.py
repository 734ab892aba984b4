"""The store's schema version: the newest migration in `migrations/versions` (a test checks they agree).

Standard library only: `schema.py` upgrades a store to it, and `store_read.py` reads a store only at it.
"""

from __future__ import annotations

HEAD = "0003"
