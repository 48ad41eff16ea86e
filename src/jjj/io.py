"""Reading the raw article safely and writing outputs atomically."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from jjj import config

if TYPE_CHECKING:  # imported where used: jjj.build writes notebooks without pandas
    import pandas as pd


class InputError(ValueError):
    """Bad input: the message names the file and the place."""


def read_text(path: Path | str) -> str:
    """Read a UTF-8 text file, refusing what is missing, empty or not UTF-8.

    A UTF-8 byte-order mark is dropped; ``\\r\\n`` is kept as it is so that character offsets
    count what is in the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}: not UTF-8 (byte {err.start}, line {line}: {data[err.start:err.start + 4]!r}); "
            "convert it first, e.g. `iconv -f GBK -t UTF-8`"
        ) from None
    return text.removeprefix("\ufeff")


def replace_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` itself through a temporary file and a rename.

    A crash leaves either the old file or the new one, never half of one. An unchanged file is
    not rewritten, so its timestamp stays. For sources and paths a user names (text twins,
    catalogs, what ``jjj.new`` starts); outputs of the pipeline go through ``atomic_write_bytes``.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.read_bytes() == data:
        return target
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write an output of the pipeline atomically (``replace_atomically``). The path is
    redirected by ``config.output_path`` (``$JJJ_OUT``), and writing under ``data/<slug>/raw`` is
    refused."""
    return replace_atomically(config.output_path(Path(path)), data)


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_csv(df: pd.DataFrame, path: Path | str) -> Path:
    """Write a table as UTF-8 CSV with ``\\n`` line ends, atomically."""
    buf = io.StringIO()
    # %.15g: 2188000000 rather than 2188000000.0 or 2.188e+09, and the same bytes on every run
    df.to_csv(buf, index=False, lineterminator="\n", float_format="%.15g")
    return atomic_write_text(path, buf.getvalue())


def read_csv(path: Path | str, **kwargs) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found (run `make report` to build it)")
    import pandas as pd

    return pd.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[""], **kwargs)
