"""Delete the welfare area's rows and its notifications (the seed-scale test)."""

from __future__ import annotations


def delete_welfare_rows() -> None:
    from benchguard.notifications.models import Notification
    from benchguard.welfare import models as m

    Notification.objects.filter(kind__startswith="welfare.").delete()
    m.FundEntry.objects.all().delete()
    m.CondolenceStep.objects.all().delete()
    m.CondolencePayment.objects.all().delete()
    m.CondolenceVisit.objects.all().delete()
    m.InsuranceClaim.objects.all().delete()
    m.InsurancePolicy.insured.through.objects.all().delete()
    m.InsurancePolicy.objects.all().delete()
    m.AssistanceApplication.objects.all().delete()
    m.Fund.objects.all().delete()
    m.FollowUpItem.objects.all().delete()
    m.FollowUp.objects.all().delete()
