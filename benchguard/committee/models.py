"""The rights-protection committee of each court: its roster with terms, its office,
its settings, and its meetings with agenda, attendance, resolutions and follow-up
actions (A4–A6)."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from benchguard.committee.choices import (
    OFFICE,
    SEATS,
    ActionStatus,
    MeetingKind,
    MeetingStatus,
    MemberKind,
    Position,
)
from benchguard.committee.querysets import (
    AgendaItemQuerySet,
    FollowUpActionQuerySet,
    MeetingQuerySet,
    MembershipQuerySet,
    ResolutionQuerySet,
)
from benchguard.core.models import VersionedModel

DEFAULT_SIZE = 35  # A4.1: "共 35 人组成"
DEFAULT_QUORUM_PERCENT = 50  # more than half


class CommitteeSettings(VersionedModel):
    """A court's committee settings: how many people the committee should have (A4.1,
    35 by default) and the quorum of its meetings (A6).

    The quorum is "more than `quorum_percent` % of the seats filled on the meeting
    date": with the default 50 that is more than half, i.e. `seats * 50 // 100 + 1`
    members present (18 of 35, 4 of 7)."""

    court = models.OneToOneField(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="committee_settings",
    )
    configured_size = models.PositiveSmallIntegerField(
        _("configured size"),
        default=DEFAULT_SIZE,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("How many people the committee should have: chair, vice-chairs and members (A4.1)."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (more than this percentage present)"),
        default=DEFAULT_QUORUM_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("A meeting has a quorum when more than this share of the sitting members is present."),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("committee settings")
        verbose_name_plural = _("committee settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=99),
                name="committee_settings_quorum_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(configured_size__gte=1), name="committee_settings_size_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Committee settings of %(court)s") % {"court": self.court})

    def required_for_quorum(self, seats: int) -> int:
        """Members who must be present: more than `quorum_percent` % of `seats`."""
        return seats * self.quorum_percent // 100 + 1


class CommitteeMembership(VersionedModel):
    """One term of one person on a court's committee or in its office: who sat, in
    which position, from when to when, and why the term ended (A4.1, A4.2, A4.3).

    `term_to` is the last day of the term (inclusive); empty while it runs. Terms are
    ended, never deleted, so the roster's history stays complete."""

    court = models.ForeignKey(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    member_kind = models.CharField(
        _("member kind"),
        max_length=24,
        choices=MemberKind.choices,
        blank=True,
        help_text=_("Only for members: judge representative or representative of a unit."),
    )
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True, help_text=_("Last day of the term."))
    end_reason = models.CharField(_("reason the term ended"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "term_from", "id"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        indexes = [
            models.Index(fields=["court", "term_from"], name="cmte_member_court_from_idx"),
            models.Index(fields=["court", "position"], name="cmte_member_court_pos_idx"),
        ]
        constraints = [
            # What the database can hold for "one chair at a time" (A4.1); overlapping
            # dated terms are refused by services.create_membership / update_membership.
            models.UniqueConstraint(
                fields=["court"],
                condition=Q(position=Position.CHAIR, term_to__isnull=True),
                name="committee_one_open_chair_per_court",
            ),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="committee_member_term_order",
            ),
            models.CheckConstraint(
                condition=(Q(position=Position.MEMBER) & ~Q(member_kind=""))
                | (~Q(position=Position.MEMBER) & Q(member_kind="")),
                name="committee_member_kind_only_for_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.get_position_display()} · {self.term_from}"

    @property
    def is_seat(self) -> bool:
        return self.position in SEATS

    @property
    def is_office(self) -> bool:
        return self.position in OFFICE

    def covers(self, day: dt.date) -> bool:
        return self.term_from <= day and (self.term_to is None or self.term_to >= day)


class Meeting(VersionedModel):
    """A meeting of the committee (A6): a plenary meeting or an ad-hoc meeting of all
    members, planned, then held (with minutes) or cancelled."""

    court = models.ForeignKey(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="committee_meetings",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=100)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    place = models.CharField(_("place"), max_length=100)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        indexes = [models.Index(fields=["court", "scheduled_at"], name="cmte_meeting_court_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="committee_meeting_cancel_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(VersionedModel):
    """One item on a meeting's agenda (A6). `description` is for the chair, vice-chairs
    and office; members see the title and `shared_summary`, only what the agenda
    shares."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description (office only)"), blank=True)
    shared_summary = models.TextField(
        _("summary shared with members"),
        blank=True,
        help_text=_("What members attending the meeting may read about this item."),
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter discussed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("Members see only the summary above, never the matter itself."),
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="committee_agenda_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def court_id(self) -> int:
        return self.meeting.court_id


class Attendance(VersionedModel):
    """That a sitting member was invited to a meeting, and whether they were present
    (A6). Invitations are made for every seat current on the meeting date."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="attendances"
    )
    membership = models.ForeignKey(
        CommitteeMembership,
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        ordering = ["meeting_id", "membership_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="committee_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.membership_id} · {self.present}"

    @property
    def court_id(self) -> int:
        return self.meeting.court_id


class Resolution(VersionedModel):
    """A resolution voted at a held meeting (A6), with the vote. It is adopted when
    more than half of the members present voted for it; `present_at_vote` keeps how
    many were present when it was voted."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="resolutions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    text = models.TextField(_("resolution"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"))
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"))
    present_at_vote = models.PositiveSmallIntegerField(_("members present at the vote"), editable=False)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(present_at_vote__gte=F("votes_for") + F("votes_against") + F("votes_abstain")),
                name="committee_resolution_votes_within_present",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def court_id(self) -> int:
        return self.meeting.court_id

    @property
    def adopted(self) -> bool:
        return self.votes_for * 2 > self.present_at_vote


class FollowUpAction(VersionedModel):
    """Something a resolution asks someone to do, by when (A6); it appears on the
    owner's home page until it is done."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="actions"
    )
    owner = models.ForeignKey(
        "organization.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="committee_actions",
    )
    description = models.TextField(_("what is to be done"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [models.Index(fields=["owner", "status"], name="cmte_action_owner_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=ActionStatus.DONE) & Q(done_at__isnull=False))
                | (Q(status=ActionStatus.OPEN) & Q(done_at__isnull=True)),
                name="committee_action_done_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def court_id(self) -> int:
        return self.resolution.meeting.court_id
