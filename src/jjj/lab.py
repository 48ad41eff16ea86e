"""JupyterLab as analysts get it with ``make lab``: Chinese in the bundled font, no outside request.

The files are in ``lab/`` at the top of the repository:

``overrides.json``
    settings overrides: no news feed and no update check (``@jupyterlab/apputils-extension:
    notification``), the extension manager off (``@jupyterlab/extensionmanager-extension:
    plugin``). Installed as ``<prefix>/share/jupyter/lab/settings/overrides.d/jjj.json``, where
    JupyterLab reads an environment's overrides by package; ``overrides.json`` beside it stays the
    user's, and wins.
``jupyter_lab_config.json``
    the server's side of the same: custom CSS on, no news URL, no update checker, a read-only
    extension manager (it never asks PyPI).
``custom.css``
    an ``@font-face`` for the bundled Noto Sans SC (CJK characters only) named first in the
    theme's font variables.

JupyterLab serves custom CSS from ``<jupyter config dir>/custom/`` only, so ``install`` makes a
config dir for the project inside the environment (``<prefix>/etc/jjj-lab``: the config, and
``custom/`` with the CSS and the font), and ``make lab`` runs JupyterLab with
``JUPYTER_CONFIG_DIR`` pointing there (the environment's own config, ``<prefix>/etc/jupyter``,
still applies; the user's ``~/.jupyter`` does not, and the lab's user settings are kept in
``<prefix>/etc/jjj-lab/lab``).

``python -m jjj.lab`` installs into the running environment and prints the config dir.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from jjj import config

LAB = config.PROJECT / "lab"
CONFIG_DIR = Path("etc") / "jjj-lab"  # inside the prefix
SETTINGS_DIR = Path("share") / "jupyter" / "lab" / "settings"
OVERRIDES_NAME = "jjj.json"


def _copy(src: Path, dest: Path) -> None:
    """Copy when the bytes differ (the font is 6 MB: not again on every `make lab`)."""
    if dest.exists() and dest.stat().st_size == src.stat().st_size and \
            dest.read_bytes() == src.read_bytes():
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def settings_dir(prefix: str | Path) -> Path:
    """Where JupyterLab reads an environment's settings overrides (its app settings dir)."""
    return Path(prefix) / SETTINGS_DIR


def config_dir(prefix: str | Path) -> Path:
    """The project's Jupyter config dir inside the environment (``JUPYTER_CONFIG_DIR``)."""
    return Path(prefix) / CONFIG_DIR


def install(prefix: str | Path = sys.prefix) -> Path:
    """Install the lab's settings overrides, config, custom CSS and font into the environment at
    ``prefix``; return the custom CSS dir (``<config dir>/custom``). Idempotent."""
    _copy(LAB / "overrides.json", settings_dir(prefix) / "overrides.d" / OVERRIDES_NAME)
    conf = config_dir(prefix)
    _copy(LAB / "jupyter_lab_config.json", conf / "jupyter_lab_config.json")
    custom = conf / "custom"
    _copy(LAB / "custom.css", custom / "custom.css")
    _copy(config.FONT_FILE, custom / config.FONT_FILE.name)
    return custom


def main() -> int:
    print(install(sys.prefix).parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
