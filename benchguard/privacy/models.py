"""Personal-data exposure cases of judges (A18): where (URL, platform), what was exposed,
whom it affects, the linked case, the evidence with SHA-256 and time; takedown notices
to platforms with every change of their status kept; leaks, peeping, covert photos and
eavesdropping inside the court investigated with the access log of the person's private
record; internal follow-up targets per court (settings, not legal deadlines)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import AttachmentBase, VersionedModel
from benchguard.core.validators import HAPPENED, CountBound
from benchguard.privacy.choices import (
    INTERNAL_KINDS,
    CaseKind,
    CaseStatus,
    EscalatedTo,
    NoticeStatus,
    Notifier,
)
from benchguard.privacy.querysets import ExposureCaseQuerySet, NoticeQuerySet
from benchguard.privacy.validators import NOTICE_TEMPLATE, NOTIFIER_CONTACT

FOLLOW_UP_DAYS = CountBound(90, minimum=1)

DEFAULT_NOTICE = """关于删除侵害个人信息内容的通知

{recipient}：

你方{platform}上发布的下列内容公开了{person}的个人信息（{exposed}），未经本人同意。
网址：
{urls}

依据《中华人民共和国个人信息保护法》第四十七条、《中华人民共和国民法典》第一千零三十七条、第一千一百九十五条及《网络暴力信息治理规定》（2024年8月1日起施行），现通知你方及时删除上述信息，采取删除、屏蔽、断开链接等必要措施，并将处理结果告知通知人。

初步证据：
{evidence}

通知人：{notifier}
联系方式：{contact}
{date}"""


class PrivacySettings(VersionedModel):
    """A court's internal follow-up targets for takedown notices (A18) [U]: how many days
    after sending the office expects an acknowledgement, and after that the removal, and
    the template of the notice. Internal targets, not legal deadlines: the law asks for
    deletion "in time" and sets no hour limit."""

    court = models.OneToOneField(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledge_within_days = models.PositiveSmallIntegerField(
        _("acknowledgement expected within (days)"), default=3, validators=[FOLLOW_UP_DAYS]
    )
    remove_within_days = models.PositiveSmallIntegerField(
        _("removal expected within (days) of the acknowledgement"), default=5, validators=[FOLLOW_UP_DAYS]
    )
    notice_template = models.TextField(
        _("template of the takedown notice"),
        default=DEFAULT_NOTICE,
        validators=[NOTICE_TEMPLATE],
        help_text=_(
            "Placeholders: {recipient}, {platform}, {person}, {exposed}, {urls}, {evidence}, {notifier}, "
            "{contact}, {date}."
        ),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return str(_("Privacy settings of %(court)s") % {"court": self.court})


class ExposureCase(VersionedModel):
    """A case of a judge's personal data exposed (A18): online (where, what, whom it
    affects, the linked case) or inside the court — a leak, peeping, covert photos or
    eavesdropping — investigated with the access log of the person's private record."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person affected"), on_delete=models.PROTECT, related_name="+"
    )
    affects_relatives = models.BooleanField(_("also affects close relatives"), default=False)
    exposed = models.JSONField(_("what was exposed"), default=list, blank=True)
    platform = models.CharField(_("platform or place"), max_length=100, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    description = models.TextField(_("what happened"))
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("linked case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    found_on = models.DateField(_("found on"), validators=[HAPPENED])
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    conclusion = models.TextField(_("conclusion"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ExposureCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("exposure case")
        verbose_name_plural = _("exposure cases")
        indexes = [models.Index(fields=["court", "kind", "-found_on", "-id"], name="privacy_case_court_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="online") | ~Q(url=""),
                name="privacy_case_online_has_url",
                violation_error_code="required",
                violation_error_message=_("Give the address where the data was published."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.found_on}"

    @property
    def internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

    def exposed_labels(self) -> list[str]:
        from benchguard.privacy.choices import Exposed

        labels = dict(Exposed.choices)
        return [str(labels.get(value, value)) for value in self.exposed]


class ExposureEvidence(AttachmentBase):
    """A screenshot or saved page of an exposure, with its SHA-256, the time the user
    says it was captured and the upload time (A18)."""

    exposure = models.ForeignKey(
        ExposureCase, verbose_name=_("exposure case"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="privacy/%Y/%m/")
    captured_at = models.DateTimeField(_("captured at"))
    url = models.URLField(_("URL"), max_length=500, blank=True)

    class Meta(AttachmentBase.Meta):
        verbose_name = _("evidence of exposure")
        verbose_name_plural = _("evidence of exposure")

    @property
    def audit_court_id(self) -> int:
        return self.exposure.court_id


class AccessLogLine(models.Model):
    """One line of the access log of the affected person's private record, copied when
    the internal investigation opened (A18): who opened it, when, and why. Append-only."""

    exposure = models.ForeignKey(
        ExposureCase, verbose_name=_("exposure case"), on_delete=models.PROTECT, related_name="access_log"
    )
    entry_id = models.PositiveBigIntegerField(_("audit entry"))
    at = models.DateTimeField(_("time"))
    actor_name = models.CharField(_("by"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100)

    class Meta:
        ordering = ["exposure_id", "-at", "-id"]
        verbose_name = _("access-log line")
        verbose_name_plural = _("access-log lines")
        constraints = [
            models.UniqueConstraint(fields=["exposure", "entry_id"], name="privacy_access_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}"


class TakedownNotice(VersionedModel):
    """A notice to a platform to take down exposed personal data (A18; PIPL art. 47, Civil
    Code arts. 1037 and 1195, 《网络暴力信息治理规定》): generated from the court's template,
    naming the notifier and carrying the evidence; drafted → sent → acknowledged →
    removed / refused → escalated (internet regulator, police). Every change of status is
    a row of its history (NoticeTransition)."""

    exposure = models.ForeignKey(
        ExposureCase, verbose_name=_("exposure case"), on_delete=models.PROTECT, related_name="notices"
    )
    recipient = models.CharField(_("recipient (platform operator)"), max_length=200)
    notifier = models.CharField(_("notifier"), max_length=10, choices=Notifier.choices)
    notifier_name = models.CharField(_("notifier's name"), max_length=200)
    contact = models.CharField(_("notifier's contact"), max_length=200, validators=[NOTIFIER_CONTACT])
    body = models.TextField(_("text of the notice"))
    status = models.CharField(
        _("status"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFTED
    )
    sent_via = models.CharField(_("sent via"), max_length=200, blank=True)
    follow_up_due = models.DateField(_("follow up by (internal target)"), null=True, blank=True)
    refusal_reason = models.TextField(_("why the platform refused"), blank=True)
    escalated_to = models.CharField(_("escalated to"), max_length=30, choices=EscalatedTo.choices, blank=True)
    escalation_reference = models.CharField(_("reference of the escalation"), max_length=200, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["exposure_id", "id"]
        verbose_name = _("takedown notice")
        verbose_name_plural = _("takedown notices")
        indexes = [models.Index(fields=["status", "follow_up_due"], name="privacy_notice_due_idx")]

    def __str__(self) -> str:
        return str(_("Notice to %(recipient)s") % {"recipient": self.recipient})

    @property
    def audit_court_id(self) -> int:
        return self.exposure.court_id

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in (NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED)
            and self.follow_up_due is not None
            and self.follow_up_due < today
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class NoticeTransition(models.Model):
    """One change of a takedown notice's status (A18): from, to, who, when, and a note.
    Append-only: the history of a notice is never edited."""

    notice = models.ForeignKey(
        TakedownNotice,
        verbose_name=_("takedown notice"),
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=NoticeStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=NoticeStatus.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["notice_id", "at", "id"]
        verbose_name = _("change of a notice's status")
        verbose_name_plural = _("changes of a notice's status")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
