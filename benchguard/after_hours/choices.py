from django.db import models
from django.utils.translation import pgettext_lazy


class ProtectionStatus(models.TextChoices):
    """After-hours protection by the judicial police (A12.3): requested, then approved
    (officers assigned) or declined; an approved protection is completed when it ends."""

    REQUESTED = "requested", pgettext_lazy("protection", "Requested")
    APPROVED = "approved", pgettext_lazy("protection", "Approved")
    DECLINED = "declined", pgettext_lazy("protection", "Declined")
    COMPLETED = "completed", pgettext_lazy("protection", "Completed")
