"""Label Studio interoperability: labeling configs from rulebooks and pre-annotation tasks.

The control and object names are fixed so that a config exported from a rulebook and the
predictions exported by pre-labeling always refer to each other.
"""

from __future__ import annotations

FROM_NAME = "label"  # the <Choices>/<Labels> control
TO_NAME = "text"  # the <Text> object
TEXT_KEY = "text"  # task data key holding the item text ($text)
