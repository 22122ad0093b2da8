"""Two-step sign-in is required by default in production only, and directory sign-in
is added to the backends only when its server is configured (settings.py, config/ldap.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHOW = (
    "from django.conf import settings; "
    "print(settings.BENCHGUARD_OTP_REQUIRED, settings.AUTHENTICATION_BACKENDS[-1].rsplit('.', 1)[-1])"
)


def settings_in(tmp_path: Path, **environ: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LDAP_", "BENCHGUARD_OTP"))}
    env.update(
        SECRET_KEY="x" * 50,
        FIELD_ENCRYPTION_KEY="0OYc_dIjZsVt-Jjy9EVHyC4U0Xo2xGCCf_qt8IPhDPE=",
        BLIND_INDEX_KEY="test-blind-index-key",
        BENCHGUARD_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="benchguard.config.settings",
        **environ,
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"BENCHGUARD_ENV": "production", "ALLOWED_HOSTS": "bench.court.local"}, "True AccountBackend"),
        ({"BENCHGUARD_ENV": "development"}, "False AccountBackend"),
        ({"BENCHGUARD_ENV": "development", "BENCHGUARD_OTP_REQUIRED": "1"}, "True AccountBackend"),
        (
            {
                "BENCHGUARD_ENV": "production",
                "ALLOWED_HOSTS": "bench.court.local",
                "BENCHGUARD_OTP_REQUIRED": "0",
                "LDAP_SERVER_URI": "ldaps://dc1.court.local",
                "LDAP_USER_SEARCH_BASE": "OU=Staff,DC=court,DC=local",
            },
            "False DirectoryBackend",
        ),
    ],
)
def test_the_second_factor_is_required_in_production_and_the_directory_only_when_configured(
    tmp_path: Path, environ: dict[str, str], expected: str
) -> None:
    assert settings_in(tmp_path, **environ) == expected
