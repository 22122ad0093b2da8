"""Make sure a Chromium exists for the end-to-end tests, before pytest starts.

Run by `make pytest` and `make e2e`. CI machines and the courts' closed networks cannot
download Playwright's own browser, so Debian's `chromium` package is the first choice;
Playwright's download is the fallback for an ordinary developer machine. Order:

1. `BENCHGUARD_CHROMIUM` names an executable, or `/usr/bin/chromium` exists -> done.
2. Running as root with apt-get -> `apt-get install chromium` (Debian package).
3. `python -m playwright install chromium` (needs the internet).

Exits non-zero with a message saying what to install when all of that fails, so the
suite stops here instead of failing every browser test one by one.

Where it can (root with apt-get) it also installs a small Chinese font: without one the
pages still work but the screenshots show boxes instead of Chinese text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CJK_FONT_PACKAGE = "fonts-wqy-microhei"  # 1.6 MB; enough for legible zh-CN screenshots


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_chromium() -> Path | None:
    """The browser the e2e tests will use (same order as tests/e2e/conftest.py)."""
    configured = os.environ.get("BENCHGUARD_CHROMIUM")
    if configured:
        if _executable(Path(configured)):
            return Path(configured)
        print(f"ensure_browser: BENCHGUARD_CHROMIUM={configured} is not an executable file")
    return DEBIAN_CHROMIUM if _executable(DEBIAN_CHROMIUM) else None


def _run(command: list[str]) -> bool:
    """Run a command with its output shown; True when it succeeded."""
    print("ensure_browser: $", " ".join(command), flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        result = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, check=False)  # noqa: S603
    except OSError as exc:
        print(f"ensure_browser: {exc}")
        return False
    return result.returncode == 0


def _apt_get() -> str | None:
    """apt-get's path when we may use it (root on a Debian-like machine), else None."""
    apt_get = shutil.which("apt-get")
    return apt_get if apt_get and hasattr(os, "geteuid") and os.geteuid() == 0 else None


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return True  # cannot tell (not a fontconfig system); do not install blindly
    result = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)  # noqa: S603
    return bool(result.stdout.strip())


def install_debian_packages(packages: list[str]) -> bool:
    """apt-get install the packages when we are root on a machine with apt-get."""
    apt_get = _apt_get()
    if not apt_get:
        return False
    return _run([apt_get, "update", "-qq"]) and _run(
        [apt_get, "install", "-y", "-qq", "--no-install-recommends", *packages]
    )


def install_playwright_chromium() -> bool:
    """Download Playwright's own Chromium (works where the internet is reachable)."""
    return _run([sys.executable, "-m", "playwright", "install", "chromium"])


def ensure_chromium() -> bool:
    found = find_chromium()
    if found:
        print(f"ensure_browser: using {found}")
        return True
    if install_debian_packages(["chromium"]) and find_chromium():
        print(f"ensure_browser: installed Debian chromium at {find_chromium()}")
        return True
    if install_playwright_chromium():
        print("ensure_browser: using Playwright's own Chromium")
        return True
    return False


def main() -> int:
    if not ensure_chromium():
        print(
            "ensure_browser: no Chromium for the end-to-end tests. Install one of:\n"
            "  - Debian/Ubuntu: sudo apt-get install chromium   (gives /usr/bin/chromium)\n"
            "  - any OS with internet: .venv/bin/python -m playwright install chromium\n"
            "  or set BENCHGUARD_CHROMIUM=/path/to/chromium-or-chrome.\n"
            "  Without a browser, run the rest: .venv/bin/pytest -n 2 -m 'not e2e'",
            file=sys.stderr,
        )
        return 1
    if not _has_cjk_font() and not install_debian_packages([CJK_FONT_PACKAGE]):
        print(
            f"ensure_browser: warning: no Chinese font; screenshots will show boxes "
            f"(install {CJK_FONT_PACKAGE} or fonts-noto-cjk)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
