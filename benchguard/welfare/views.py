"""Pages of the welfare area: thin; changes go through services, reads through
selectors (invisible → 404, visible but not permitted → 403)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from benchguard.core.exports import xlsx_response
from benchguard.core.views import (
    form_action,
    form_page_action,
    one_click,
    paginated,
    posted_version,
    row_page,
)
from benchguard.welfare import forms, permissions, selectors, services
from benchguard.welfare.choices import ClaimStatus, CondolenceStatus, ItemKind, StepKind
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolencePayment,
    FollowUpItem,
    Fund,
    InsuranceClaim,
)

PAGE_SIZE = 50


def _filters(form: Any) -> dict[str, Any]:
    return {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The area's landing page: what the user may open, and each register they read
    split by person category (A2, A28: counts and sums, never names)."""
    if not permissions.can_enter_area(request.user):
        raise PermissionDenied
    user = request.user
    reports = selectors.by_category(user)
    if request.GET.get("export") == "xlsx" and reports:
        return xlsx_response(
            services.export_by_category(actor=user, reports=reports),
            f"welfare-by-category-{timezone.localdate():%Y%m%d}.xlsx",
        )
    return render(
        request,
        "welfare/index.html",
        {
            "reports": reports,
            "insurance": permissions.can_read_insurance(user),
            "condolence": permissions.can_read_condolence(user),
            "special": permissions.can_read_applications(user),
            "followups": permissions.can_read_followups(user),
            "funds": permissions.can_read_funds(user),
        },
    )


# --- Follow-up after harm -------------------------------------------------------------


@login_required
@require_GET
def followup_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_followups(request.user):
        raise PermissionDenied
    rows = selectors.followups_for(request.user, open_only=request.GET.get("open") == "on")
    return render(request, "welfare/followup_list.html", paginated(request, rows, PAGE_SIZE))


@login_required
@require_GET
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.get_followup_for(request.user, pk)
    items = list(selectors.items_of(followup))
    for item in items:
        item.closable = permissions.can_close_item(request.user, item)  # type: ignore[attr-defined]
        item.confidential = not permissions.can_read_counselling_answer(  # type: ignore[attr-defined]
            request.user, item
        )
    return render(request, "welfare/followup_detail.html", {"followup": followup, "items": items})


@row_page(selectors.get_item_for, permissions.can_close_item)
def item_close(request: HttpRequest, item: FollowUpItem) -> HttpResponse:
    back = reverse("welfare:followup_detail", args=[item.followup_id])
    form = forms.CloseItemForm(request.POST or None, counselling=item.kind == ItemKind.COUNSELLING_OFFER)
    return form_page_action(
        request,
        form,
        lambda data: services.close_item(actor=request.user, item=item, **data),
        done=_("The item was closed."),
        title=_("Close the item “%(item)s” for %(person)s")
        % {"item": item.get_kind_display(), "person": item.followup.person.name},
        back=back,
        submit=_("Close the item"),
    )


# --- Insurance (A20) ------------------------------------------------------------------


@login_required
@require_GET
def insurance(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_insurance(request.user):
        raise PermissionDenied
    form = forms.ClaimFilterForm(request.GET or None)
    rows = selectors.claims_for(request.user, **_filters(form))
    return render(
        request,
        "welfare/insurance.html",
        {
            "form": form,
            "policies": selectors.policies_for(request.user)[:20],
            "can_keep": permissions.can_keep_insurance(request.user),
            **paginated(request, rows, PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_insurance(request.user):
        raise PermissionDenied
    people = selectors.people_of(request.user, permissions.INSURANCE_KEEPERS)
    court = selectors.keeper_court(request.user, permissions.INSURANCE_KEEPERS)
    form = forms.PolicyForm(request.POST or None, people=people)
    return form_page_action(
        request,
        form,
        lambda data: services.add_policy(
            actor=request.user, court=court, **{k: v for k, v in data.items() if v not in (None, "")}
        ),
        done=_("The policy was recorded."),
        title=_("Record an insurance policy"),
        back=reverse("welfare:insurance"),
        submit=_("Record the policy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_insurance(request.user):
        raise PermissionDenied
    form = forms.ClaimForm(
        request.POST or None,
        policies=selectors.policies_for(request.user),
        people=selectors.people_of(request.user, permissions.INSURANCE_KEEPERS),
    )
    return form_page_action(
        request,
        form,
        lambda data: services.add_claim(actor=request.user, **data),
        done=_("The claim was recorded."),
        then=lambda claim: reverse("welfare:claim_detail", args=[claim.pk]),
        title=_("Prepare an insurance claim"),
        back=reverse("welfare:insurance"),
        submit=_("Record the claim"),
    )


@login_required
@require_GET
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.get_claim_for(request.user, pk)
    keep = permissions.can_handle_claim(request.user, claim)
    return render(
        request,
        "welfare/claim_detail.html",
        {
            "claim": claim,
            "can_decide": keep and claim.status in (ClaimStatus.PREPARING, ClaimStatus.SUBMITTED),
            "can_submit": keep and claim.status == ClaimStatus.PREPARING,
            "can_settle": keep and claim.status == ClaimStatus.SUBMITTED,
        },
    )


_claim_kept = row_page(selectors.get_claim_for, permissions.can_handle_claim)


def _claim_form(
    request: HttpRequest, claim: InsuranceClaim, form: Any, service: Any, **kwargs: Any
) -> HttpResponse:
    return form_page_action(
        request,
        form,
        lambda data: service(actor=request.user, claim=claim, **data),
        back=reverse("welfare:claim_detail", args=[claim.pk]),
        **kwargs,
    )


@_claim_kept
def claim_on_duty(request: HttpRequest, claim: InsuranceClaim) -> HttpResponse:
    return _claim_form(
        request,
        claim,
        forms.OnDutyForm(request.POST or None),
        services.decide_on_duty,
        done=_("The decision was recorded."),
        title=_("In the line of duty or not"),
        submit=_("Record the decision"),
    )


@_claim_kept
def claim_submit(request: HttpRequest, claim: InsuranceClaim) -> HttpResponse:
    form = forms.SubmitClaimForm(
        request.POST or None, initial={"submitted_on": timezone.localdate(), "documents": claim.documents}
    )
    return _claim_form(
        request,
        claim,
        form,
        services.submit_claim,
        done=_("The claim was submitted."),
        title=_("Submit the claim to the insurer"),
        submit=_("Submit the claim"),
    )


@_claim_kept
def claim_outcome(request: HttpRequest, claim: InsuranceClaim) -> HttpResponse:
    form = forms.ClaimOutcomeForm(request.POST or None, initial={"on": timezone.localdate()})
    return _claim_form(
        request,
        claim,
        form,
        services.record_claim_outcome,
        done=_("The insurer's answer was recorded."),
        title=_("Record the insurer's answer"),
        submit=_("Record the answer"),
    )


# --- Funds ----------------------------------------------------------------------------


@login_required
@require_GET
def fund_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_funds(request.user):
        raise PermissionDenied
    return render(request, "welfare/fund_list.html", {"funds": selectors.funds_for(request.user)})


@login_required
@require_GET
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.get_fund_for(request.user, pk)
    return render(
        request,
        "welfare/fund_detail.html",
        {
            "fund": fund,
            "can_keep": permissions.can_keep_fund(request.user, fund),
            **paginated(request, selectors.entries_of(fund), PAGE_SIZE),
        },
    )


_fund_kept = row_page(selectors.get_fund_for, permissions.can_keep_fund)


@_fund_kept
def fund_income(request: HttpRequest, fund: Fund) -> HttpResponse:
    return form_page_action(
        request,
        forms.FundEntryForm(request.POST or None, initial={"on": timezone.localdate()}),
        lambda data: services.record_fund_income(actor=request.user, fund=fund, **data),
        done=_("The income was recorded."),
        title=_("Record income to the %(fund)s") % {"fund": fund.get_kind_display()},
        back=reverse("welfare:fund_detail", args=[fund.pk]),
        submit=_("Record the income"),
    )


@_fund_kept
def fund_pay(request: HttpRequest, fund: Fund) -> HttpResponse:
    keepers = permissions.fund_keepers(fund.kind)
    form = forms.FundPaymentForm(
        request.POST or None,
        people=selectors.people_of(request.user, keepers),
        initial={"on": timezone.localdate()},
    )
    return form_page_action(
        request,
        form,
        lambda data: services.pay_from_fund(actor=request.user, fund=fund, **data),
        done=_("The payment was recorded."),
        title=_("Record a payment from the %(fund)s") % {"fund": fund.get_kind_display()},
        back=reverse("welfare:fund_detail", args=[fund.pk]),
        submit=_("Record the payment"),
    )


# --- Condolence (A21) -----------------------------------------------------------------


@login_required
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_condolence(request.user):
        raise PermissionDenied
    form = forms.PaymentFilterForm(request.GET or None)
    rows = selectors.payments_for(request.user, **_filters(form))
    return render(
        request,
        "welfare/payment_list.html",
        {
            "form": form,
            "can_keep": permissions.can_keep_condolence(request.user),
            "visits": selectors.visits_for(request.user)[:20],
            **paginated(request, rows, PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def payment_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_condolence(request.user):
        raise PermissionDenied
    form = forms.CondolenceForm(
        request.POST or None, people=selectors.people_of(request.user, permissions.UNION)
    )
    return form_page_action(
        request,
        form,
        lambda data: services.request_condolence(actor=request.user, court=data["person"].court, **data),
        done=_("The payment was requested."),
        then=lambda payment: reverse("welfare:payment_detail", args=[payment.pk]),
        title=_("Request a condolence payment"),
        back=reverse("welfare:payment_list"),
        submit=_("Request the payment"),
        template="welfare/payment_form.html",
        caps=selectors.caps().filter(in_force=True),
    )


def _payment_page(
    request: HttpRequest, payment: CondolencePayment, *, form: Any = None, current: Any = None
) -> HttpResponse:
    """The payment with its chain, and the next step offered only to whoever may take it
    (a refused step comes back with what was typed)."""
    move = permissions.can_move_payment(request.user, payment)
    following = {source: step for step, (source, _t, _v) in services.CHAIN.items()}
    next_step = following.get(payment.status)
    offered = next_step is not None and move and permissions.can_take_step(request.user, payment, next_step)
    # Whoever checked it as the union group is told why the chair's step is not theirs.
    for_another = move and next_step is not None and not offered
    return render(
        request,
        "welfare/payment_detail.html",
        {
            "payment": payment,
            "steps": selectors.steps_of(payment),
            "next_step": next_step if offered else None,
            "next_label": StepKind(next_step).label if next_step else "",
            "needs_voucher": next_step == StepKind.FINANCE_PAID,
            "for_another": services.SAME_PERSON if for_another else "",
            "two_people": offered and next_step == StepKind.GROUP_CHECK,
            "can_refuse": move
            and payment.status in (CondolenceStatus.REQUESTED, CondolenceStatus.GROUP_CHECKED),
            "can_raise": permissions.can_approve_raised(request.user, payment),
            "step_form": form if form is not None else forms.StepForm(),
        },
    )


@login_required
@require_GET
def payment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _payment_page(request, selectors.get_payment_for(request.user, pk))


_payment_moved = row_page(selectors.get_payment_for, permissions.can_move_payment, methods=["POST"])


@_payment_moved
def payment_step(request: HttpRequest, payment: CondolencePayment) -> HttpResponse:
    step = request.POST.get("step", "")
    return form_action(
        request,
        forms.StepForm(request.POST),
        lambda data: services.advance_condolence(
            actor=request.user,
            payment=payment,
            step=step,
            note=data.get("note", ""),
            voucher=data.get("voucher", ""),
            expected_version=posted_version(request),
        ),
        done=_("The step was recorded."),
        then=reverse("welfare:payment_detail", args=[payment.pk]),
        page=partial(_payment_page, request, payment),
    )


@row_page(selectors.get_payment_for, permissions.can_approve_raised, methods=["POST"])
def payment_raise(request: HttpRequest, payment: CondolencePayment) -> HttpResponse:
    one_click(
        request,
        lambda: services.approve_raised_standard(
            actor=request.user,
            payment=payment,
            note=request.POST.get("note", "")[:2000],
            expected_version=posted_version(request),
        ),
        _("The raised standard was approved."),
    )
    return redirect("welfare:payment_detail", pk=payment.pk)


@row_page(selectors.get_payment_for, permissions.can_move_payment)
def payment_refuse(request: HttpRequest, payment: CondolencePayment) -> HttpResponse:
    return form_page_action(
        request,
        forms.RefuseForm(request.POST or None),
        lambda data: services.refuse_condolence(actor=request.user, payment=payment, **data),
        done=_("The payment was not approved."),
        title=_("Do not approve the payment to %(person)s") % {"person": payment.person.name},
        back=reverse("welfare:payment_detail", args=[payment.pk]),
        submit=_("Record the refusal"),
    )


@login_required
@require_GET
def cap_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_condolence(request.user):
        raise PermissionDenied
    return render(request, "welfare/cap_list.html", {"caps": selectors.caps()})


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_condolence(request.user):
        raise PermissionDenied
    form = forms.VisitForm(
        request.POST or None,
        people=selectors.people_of(request.user, permissions.UNION),
        initial={"visited_on": timezone.localdate()},
    )
    return form_page_action(
        request,
        form,
        lambda data: services.record_visit(actor=request.user, court=data["person"].court, **data),
        done=_("The visit was recorded."),
        title=_("Record a condolence visit"),
        back=reverse("welfare:payment_list"),
        submit=_("Record the visit"),
    )


# --- Special assistance fund (A25) ----------------------------------------------------


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_applications(request.user):
        raise PermissionDenied
    form = forms.ApplicationFilterForm(request.GET or None)
    rows = selectors.applications_for(request.user, **_filters(form))
    return render(
        request,
        "welfare/application_list.html",
        {
            "form": form,
            "can_keep": permissions.can_keep_applications(request.user),
            **paginated(request, rows, PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_applications(request.user):
        raise PermissionDenied
    form = forms.ApplicationForm(
        request.POST or None, people=selectors.people_of(request.user, permissions.OFFICE)
    )
    return form_page_action(
        request,
        form,
        lambda data: services.submit_application(actor=request.user, court=data["person"].court, **data),
        done=_("The application was recorded."),
        then=lambda row: reverse("welfare:application_detail", args=[row.pk]),
        title=_("Record an application to the special assistance fund"),
        back=reverse("welfare:application_list"),
        submit=pgettext("assistance", "Record the application"),
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_application_for(request.user, pk)
    return render(
        request,
        "welfare/application_detail.html",
        {
            "row": row,
            "can_decide": permissions.can_decide_application(request.user, row),
            "can_pay": permissions.can_pay_application(request.user, row),
            "entries": row.fund_entries.all(),
        },
    )


@row_page(selectors.get_application_for, permissions.can_decide_application)
def application_decide(request: HttpRequest, row: AssistanceApplication) -> HttpResponse:
    form = forms.DecideForm(
        request.POST or None,
        resolutions=selectors.resolutions_for(request.user),
        initial={"decided_on": timezone.localdate(), "amount_approved": row.amount_requested},
    )
    return form_page_action(
        request,
        form,
        lambda data: services.decide_application(actor=request.user, application=row, **data),
        done=_("The decision was recorded."),
        title=_("Decide the application of %(person)s") % {"person": row.person.name},
        back=reverse("welfare:application_detail", args=[row.pk]),
        submit=_("Record the decision"),
    )


@row_page(selectors.get_application_for, permissions.can_pay_application, methods=["POST"])
def application_pay(request: HttpRequest, row: AssistanceApplication) -> HttpResponse:
    one_click(
        request,
        lambda: services.pay_application(
            actor=request.user,
            application=row,
            on=timezone.localdate(),
            expected_version=posted_version(request),
        ),
        _("The payment was made from the special assistance fund."),
    )
    return redirect("welfare:application_detail", pk=row.pk)
