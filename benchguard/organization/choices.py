from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtLevel(models.TextChoices):
    HIGH = "high", _("Higher people's court")
    INTERMEDIATE = "intermediate", _("Intermediate people's court")
    BASE = "base", _("Base people's court")


class DepartmentType(models.TextChoices):
    CASE_FILING = "case_filing", _("Case filing")
    TRIAL = "trial", _("Trial division")
    ENFORCEMENT = "enforcement", _("Enforcement")
    PETITION_RECEPTION = "petition_reception", _("Petition reception")
    LITIGATION_SERVICES = "litigation_services", _("Litigation services")
    JUDICIAL_POLICE = "judicial_police", _("Judicial police")
    GATEHOUSE = "gatehouse", _("Gatehouse")
    PERSONNEL_OFFICE = "personnel_office", _("Personnel office")
    TRADE_UNION = "trade_union", _("Trade union")
    COMMITTEE_OFFICE = "committee_office", _("Committee office")
    GENERAL_OFFICE = "general_office", _("General office")
    TRIAL_MANAGEMENT = "trial_management", _("Trial management office")
    DISCIPLINE_INSPECTION = "discipline_inspection", _("Discipline inspection")
    OTHER = "other", _("Other")


class PersonCategory(models.TextChoices):
    """A2 and A28: quota judges are protected; support and other staff by reference."""

    QUOTA_JUDGE = "quota_judge", _("Quota judge")
    SUPPORT_STAFF = "support_staff", _("Judicial support staff")
    OTHER_STAFF = "other_staff", _("Other staff")


class Role(models.TextChoices):
    """What an account may do, always within one court (RoleAssignment.court)."""

    JUDGE = "judge", _("Judge")
    SUPPORT_STAFF = "support_staff", _("Support staff")
    COMMITTEE_OFFICE = "committee_office", _("Committee office")
    COMMITTEE_CHAIR = "committee_chair", _("Committee chair")
    COMMITTEE_VICE_CHAIR = "committee_vice_chair", _("Committee vice-chair")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    DIVISION_CHIEF = "division_chief", _("Division chief")
    COURT_LEADER = "court_leader", _("Court leader")
    COURT_PRESIDENT = "court_president", _("Court president")
    JUDICIAL_POLICE = "judicial_police", _("Judicial police")
    GATEHOUSE_GUARD = "gatehouse_guard", _("Gatehouse guard")
    FILING_CLERK = "filing_clerk", _("Filing clerk")
    PETITION_RECEPTION = "petition_reception", _("Petition reception")
    PERSONNEL_OFFICE = "personnel_office", _("Personnel office")
    TRIAL_MANAGEMENT = "trial_management", _("Trial management office")
    DISCIPLINE_INSPECTION = "discipline_inspection", _("Discipline inspection")
    TRADE_UNION = "trade_union", _("Trade union")
    COUNSELLOR = "counsellor", _("Counsellor")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles whose work needs a person's private details (A18: need to know).
PRIVATE_DETAILS_ROLES = frozenset({Role.PERSONNEL_OFFICE, Role.COMMITTEE_OFFICE})
