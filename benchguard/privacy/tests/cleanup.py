"""Test-only: remove every row of the privacy area, children first (for tests that need
an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.matters.models import MatterSource
from benchguard.privacy.models import (
    AccessLogLine,
    ExposureCase,
    ExposureEvidence,
    NoticeTransition,
    PrivacySettings,
    TakedownNotice,
)


def delete_privacy_rows() -> None:
    NoticeTransition.objects.all().delete()
    TakedownNotice.objects.all().delete()
    AccessLogLine.objects.all().delete()
    ExposureEvidence.objects.all().delete()
    MatterSource.objects.filter(content_type__app_label="privacy").delete()
    ExposureCase.objects.all().delete()
    PrivacySettings.objects.all().delete()
