"""Output files that never destroy inputs or special files.

Every command that writes a file goes through this module:

* `check_output` refuses, before anything runs, an output that is the same file as one of the
  command's inputs (compared by real path and `os.path.samefile`, never by text), a symbolic
  link, a directory, or a special file such as a device (`-o /dev/full`);
* `atomic_writer` writes to a temporary file in the same directory and moves it into place with
  `os.replace` only when the whole file is written; it replaces regular files only, and a
  directory that cannot be written gives one clear line instead of a traceback;
* `safe_unique_name` turns user data (annotator names, labels) into file names that are safe,
  capped in length and unique: `a_b`, `a/b` and `a b` give three different files.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from assistant.core.errors import InputError
from assistant.core.messages import Message

MAX_NAME_BYTES = 120  # well under the usual 255-byte limit of a file name, leaving room for suffixes


# ---------------------------------------------------------------------------------------------
# Comparing and checking paths
# ---------------------------------------------------------------------------------------------
def same_file(a: Path | str, b: Path | str) -> bool:
    """True when `a` and `b` name one file: same real path, or the same inode (hard links, mounts)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> Message:
    if stat.S_ISLNK(mode):
        return Message("error.safe_paths.kind.symlink")
    if stat.S_ISDIR(mode):
        return Message("error.safe_paths.kind.directory")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message("error.safe_paths.kind.device")
    if stat.S_ISFIFO(mode):
        return Message("error.safe_paths.kind.pipe")
    if stat.S_ISSOCK(mode):
        return Message("error.safe_paths.kind.socket")
    return Message("error.safe_paths.kind.irregular")


def _what(what: "str | Message") -> "str | Message":
    """The default name of a target ("output") in the reader's language; an option name as given."""
    return Message("error.safe_paths.output") if what == "output" else what


def require_regular_target(path: Path | str, what: "str | Message" = "output") -> Path:
    """Refuse to write over anything but a regular file (or a path that does not exist yet)."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as error:
        raise InputError(Message("error.safe_paths.cannot_check", what=_what(what), path=str(path), reason=str(error.strerror))) from error
    if not stat.S_ISREG(mode):
        raise InputError(Message("error.safe_paths.not_regular", what=_what(what), path=str(path), kind=_kind(mode)))
    return path


def check_output(path: Path | str, inputs: Iterable[Path | str] = (), *, what: str = "output") -> Path:
    """Refuse an output that is a special file or the same file as any input, before anything runs."""
    path = require_regular_target(path, what)
    for source in inputs:
        if source is None or str(source) == "":
            continue
        if same_file(path, source):
            raise InputError(Message("error.safe_paths.same_as_input", what=_what(what), path=str(path), source=str(source)))
    return path


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_error(path: Path, error: OSError) -> InputError:
    """One clear line for an output that cannot be written."""
    directory = path.parent if str(path.parent) else Path(".")
    reason: str | Message
    if error.errno in (errno.EACCES, errno.EPERM):
        reason = Message("error.safe_paths.write.permission", directory=str(directory))
    elif error.errno == errno.EROFS:
        reason = Message("error.safe_paths.write.read_only", directory=str(directory))
    elif error.errno == errno.ENOSPC:
        reason = Message("error.safe_paths.write.no_space")
    elif error.errno == errno.ENAMETOOLONG:
        reason = Message("error.safe_paths.write.name_too_long")
    elif error.errno == errno.ENOTDIR:
        reason = Message("error.safe_paths.write.not_a_directory", directory=str(directory))
    else:
        reason = error.strerror or str(error)
    return InputError(Message("error.safe_paths.cannot_write", path=str(path), reason=reason))


@contextmanager
def atomic_writer(path: Path | str, mode: str = "w") -> Iterator[Any]:
    """Write to a temporary file beside `path`; move it into place only when done.

    Only regular files are replaced (never a symlink or a device); nothing half-written is left.
    """
    path = Path(path)
    require_regular_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".partial", dir=path.parent)
    except OSError as error:
        raise write_error(path, error) from error
    try:
        with os.fdopen(handle, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes owner-only files; give the usual permissions
        require_regular_target(path)  # the target did not become a link or device meanwhile
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, InputError):
            raise write_error(path, error) from error
        raise


def write_text(path: Path | str, text: str) -> Path:
    with atomic_writer(path) as stream:
        stream.write(text)
    return Path(path)


# ---------------------------------------------------------------------------------------------
# File names from user data
# ---------------------------------------------------------------------------------------------
def _cap_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_unique_name(name: str, taken: set[str] | None = None, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file-name stem for user text: safe characters, at most `max_bytes` bytes, unique in `taken`.

    A name kept as it is stays readable (`alice` → `alice`); a name that had to be changed or cut
    gets a short hash of the original, so different names never collapse into one file.
    `taken` (compared case-insensitively, for case-insensitive file systems) is updated.
    """
    taken = taken if taken is not None else set()
    original = str(name)
    cleaned = re.sub(r"[^\w.-]+", "_", original, flags=re.UNICODE).strip("._") or "unnamed"
    stem = _cap_bytes(cleaned, max_bytes)
    if stem != original or stem.casefold() in taken:
        digest = hashlib.sha1(original.encode("utf-8")).hexdigest()[:8]
        stem = f"{_cap_bytes(cleaned, max_bytes - 9).rstrip('._')}-{digest}"
        counter = 2
        base = stem
        while stem.casefold() in taken:
            stem = f"{base}-{counter}"
            counter += 1
    taken.add(stem.casefold())
    return stem
