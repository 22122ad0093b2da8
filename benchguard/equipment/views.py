"""Pages of the equipment area (A10.1, A10.2): thin; changes go through services, reads
through selectors, and the content of a recording only through services.open_recording."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from benchguard.core.middleware import forbid_storing
from benchguard.core.uploads import file_response
from benchguard.core.views import form_page_action, one_click, paginated, row_page
from benchguard.equipment import forms, holds, permissions, selectors, services
from benchguard.equipment.models import Device, DeviceFault, DeviceIssue, Recording
from benchguard.incidents.models import Incident, Sanction
from benchguard.interference.models import Entry
from benchguard.matters.models import Matter
from benchguard.organization import selectors as org_selectors

PAGE_SIZE = 50


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The area's landing page: the device register for those who read it (the judicial
    police, court leaders), the court's recordings for their other readers (the committee
    office), and "My equipment" — what one holds and one's own recordings — for everyone else."""
    user = request.user
    if permissions.can_read_devices(user):
        return redirect("equipment:device_list")
    if permissions.recording_reader_court_ids(user):
        return redirect("equipment:recording_list")
    return redirect("equipment:mine")


# --- Devices (A10.1) -------------------------------------------------------------------


@login_required
@require_GET
def device_list(request: HttpRequest) -> HttpResponse:
    """The court's recording devices, who holds each, and the returns that are overdue."""
    if not permissions.can_read_devices(request.user):
        raise PermissionDenied
    form = forms.DeviceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.devices_for(
        request.user,
        kind=filters.get("kind") or "",
        state=filters.get("state") or "",
        search=filters.get("q") or "",
    )
    context = {
        "form": form,
        "overdue": selectors.overdue_issues_for(request.user)[:50],
        "can_keep": permissions.can_keep(request.user),
        **paginated(request, rows, PAGE_SIZE),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "equipment/device_list.html#results", context)
    return render(request, "equipment/device_list.html", context)


@login_required
def device_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep(request.user):
        raise PermissionDenied
    form = forms.DeviceAddForm(request.POST or None, courts=selectors.keeper_courts_for(request.user))
    return form_page_action(
        request,
        form,
        lambda data: services.add_device(actor=request.user, **data),
        done=_("The device was added."),
        title=_("Add a recording device"),
        back=reverse("equipment:device_list"),
        then=lambda device: reverse("equipment:device_detail", args=[device.pk]),
    )


@row_page(selectors.get_device_for, methods=["GET"])
def device_detail(request: HttpRequest, device: Device) -> HttpResponse:
    return render(
        request,
        "equipment/device_detail.html",
        {
            "device": device,
            "history": selectors.device_history(device)[:100],
            "faults": selectors.device_faults(device)[:100],
            "can_keep": permissions.can_keep_device(request.user, device),
        },
    )


@row_page(selectors.get_device_for, permissions.can_keep_device)
def device_edit(request: HttpRequest, device: Device) -> HttpResponse:
    form = forms.DeviceForm(request.POST or None, instance=device)
    return form_page_action(
        request,
        form,
        lambda _data: services.update_device(actor=request.user, device=device, **form.edit()),
        done=_("The changes were saved."),
        title=_("Edit the device"),
        back=reverse("equipment:device_detail", args=[device.pk]),
    )


@row_page(selectors.get_device_for, permissions.can_keep_device)
def device_issue(request: HttpRequest, device: Device) -> HttpResponse:
    form = forms.IssueForm(request.POST or None, people=selectors.issue_people_for(device))
    back = reverse("equipment:device_detail", args=[device.pk])
    return form_page_action(
        request,
        form,
        lambda data: services.issue_device(actor=request.user, device=device, **data),
        done=_("The device was issued."),
        title=_("Issue %(device)s") % {"device": device},
        back=back,
        template="equipment/issue_form.html",
        device=device,
    )


@row_page(selectors.get_issue_for, permissions.can_take_back)
def issue_return(request: HttpRequest, issue: DeviceIssue) -> HttpResponse:
    form = forms.ReturnForm(request.POST or None)
    return form_page_action(
        request,
        form,
        lambda data: services.return_device(actor=request.user, issue=issue, **data),
        done=_("The return was recorded."),
        title=_("Take back %(device)s from %(person)s") % {"device": issue.device, "person": issue.holder},
        back=reverse("equipment:device_detail", args=[issue.device_id]),
    )


def _device_for_fault(user: object, pk: int) -> Device:
    """A device the user reads, or one they hold now (the holder reports its fault)."""
    rows = Device.objects.filter(
        Q(pk__in=Device.objects.visible_to(user).values("pk"))
        | Q(issues__returned_at__isnull=True, issues__holder__account=user)
    ).distinct()
    return get_object_or_404(rows, pk=pk)


@row_page(_device_for_fault, permissions.can_report_fault)
def device_fault(request: HttpRequest, device: Device) -> HttpResponse:
    form = forms.FaultForm(request.POST or None)
    back = (
        reverse("equipment:device_detail", args=[device.pk])
        if permissions.can_read_devices(request.user)
        else reverse("equipment:mine")
    )
    return form_page_action(
        request,
        form,
        lambda data: services.report_fault(actor=request.user, device=device, **data),
        done=_("The fault was recorded."),
        title=_("Report a fault of %(device)s") % {"device": device},
        back=back,
    )


@row_page(selectors.get_fault_for, lambda user, fault: permissions.can_keep(user, fault.device.court_id))
def fault_repair(request: HttpRequest, fault: DeviceFault) -> HttpResponse:
    form = forms.RepairForm(request.POST or None)
    return form_page_action(
        request,
        form,
        lambda data: services.record_repair(actor=request.user, fault=fault, **data),
        done=_("The repair was recorded."),
        title=_("Repair of %(device)s") % {"device": fault.device},
        back=reverse("equipment:device_detail", args=[fault.device_id]),
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """What the user holds now and held before (A10.1), and their own recordings."""
    rows = list(selectors.my_holdings(request.user)[:200])
    return render(
        request,
        "equipment/mine.html",
        {
            "holding": [row for row in rows if row.returned_at is None],
            "returned": [row for row in rows if row.returned_at is not None],
            "can_upload": permissions.can_upload(request.user),
        },
    )


@login_required
@require_GET
def person_devices(request: HttpRequest, person_pk: int) -> HttpResponse:
    """The devices a person holds, on their directory page (htmx): shown to the keepers
    and readers of the person's court and to the person themself, empty to others."""
    person = org_selectors.get_person_for(request.user, person_pk)
    shown = person.court_id in permissions.device_reader_court_ids(request.user) or (
        person.account_id is not None and person.account_id == request.user.pk
    )
    holdings = list(selectors.holdings_of(person)) if shown else []
    return render(request, "equipment/person_devices.html", {"holdings": holdings, "shown": shown})


# --- Recordings (A10.2) ----------------------------------------------------------------


@login_required
@require_GET
def incident_recordings(request: HttpRequest, incident_pk: int) -> HttpResponse:
    """The recordings kept with an incident, for the incident's page (loaded with htmx:
    incidents sit below equipment and do not import it). An incident the user does not
    see answers 404, as its page does; of its recordings the user sees those they may
    read (none, for most)."""
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=incident_pk)
    rows = selectors.recordings_for(request.user).filter(links__incident=incident).distinct()
    return render(request, "equipment/incident_recordings.html", {"rows": rows[:50]})


@login_required
@require_GET
def recording_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_list_recordings(request.user):
        raise PermissionDenied
    form = forms.RecordingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.recordings_for(
        request.user,
        kind=filters.get("kind") or "",
        integrity=filters.get("integrity") or "",
        search=filters.get("q") or "",
    )
    context = {
        "form": form,
        "can_upload": permissions.can_upload(request.user),
        **paginated(request, rows, PAGE_SIZE),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "equipment/recording_list.html#results", context)
    return render(request, "equipment/recording_list.html", context)


@login_required
def recording_upload(request: HttpRequest) -> HttpResponse:
    """Upload a recording of duty (A10.2). Django spools a large file to a temporary
    file as it arrives (FILE_UPLOAD_MAX_MEMORY_SIZE); the service types and hashes it
    in chunks and moves it to storage: it is never held in memory whole."""
    court_ids = sorted(permissions.uploader_court_ids(request.user))
    if not court_ids:
        raise PermissionDenied
    court_id = court_ids[0]
    form = forms.RecordingUploadForm(
        request.POST or None,
        request.FILES or None,
        people=selectors.uploadable_people(request.user, court_id),
        devices=selectors.court_devices(court_id),
    )
    if request.method == "GET" and not request.GET.get("person"):
        own = selectors.uploadable_people(request.user, court_id).filter(account=request.user).first()  # type: ignore[misc]
        if own is not None:
            form.initial["person"] = own.pk
    return form_page_action(
        request,
        form,
        lambda data: services.upload_recording(
            actor=request.user,
            court=data["person"].court,
            kind=data["kind"],
            title=data["title"],
            recorded_at=data["recorded_at"],
            person=data["person"],
            device=data["device"],
            description=data["description"],
            upload=data["file"],
        ),
        done=_("The recording was kept, with its SHA-256."),
        title=_("Upload a recording"),
        back=reverse("equipment:recording_list"),
        then=lambda recording: reverse("equipment:recording_detail", args=[recording.pk]),
        template="equipment/upload_form.html",
        max_mb=_max_mb(),
    )


def _max_mb() -> int:
    return int(settings.RECORDING_ATTACHMENT_MAX_BYTES) // (1024 * 1024)


@row_page(selectors.get_recording_for, methods=["GET"])
def recording_detail(request: HttpRequest, recording: Recording) -> HttpResponse:
    return render(
        request,
        "equipment/recording_detail.html",
        {
            "recording": recording,
            "held": holds.is_held(recording.pk),
            "links": selectors.links_for(request.user, recording),
            "checks": selectors.checks_of(recording).reverse()[:10],
            "versions": selectors.versions_of(recording),
            "can_add_version": permissions.can_add_version(request.user, recording)
            and not recording.superseded
            and recording.purged_at is None,
            "can_link": permissions.can_link(request.user, recording),
        },
    )


def _opened(request: HttpRequest, recording: Recording, purpose: str) -> Recording | None:
    try:
        return services.open_recording(actor=request.user, recording=recording, purpose=purpose)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None


@login_required
@require_GET
def recording_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The recording's file as a download: a logged read."""
    recording = selectors.get_recording_for(request.user, pk)
    if _opened(request, recording, "download") is None:
        return redirect("equipment:recording_detail", pk=recording.pk)
    return file_response(
        recording.file, filename=recording.original_name, content_type=recording.content_type
    )


@login_required
@require_GET
def recording_play(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The recording's file for the page's player: a logged read."""
    recording = selectors.get_recording_for(request.user, pk)
    if _opened(request, recording, "play") is None:
        raise Http404
    response = FileResponse(recording.file.open("rb"), content_type=recording.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return forbid_storing(response)


@row_page(selectors.get_recording_for, methods=["GET"])
def recording_report(request: HttpRequest, recording: Recording) -> HttpResponse:
    """The verification report (A10.2), printed as evidence: the hash, the chain of
    custody (upload, versions, links, checks, every read) — itself a logged read."""
    services.open_recording(actor=request.user, recording=recording, purpose="report")
    return render(
        request,
        "equipment/recording_report.html",
        {
            "recording": recording,
            "held": holds.is_held(recording.pk),
            "versions": selectors.versions_of(recording),
            "links": selectors.links_for(request.user, recording),
            "checks": selectors.checks_of(recording),
            "custody": selectors.custody_lines(recording),
        },
    )


@login_required
@require_POST
def recording_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-check the stored bytes against the SHA-256 now (A10.2)."""
    recording = selectors.get_recording_for(request.user, pk)
    check = one_click(
        request,
        lambda: services.verify_recording(actor=request.user, recording=recording),
        _("The recording was checked."),
    )
    if check is not None and check.result != "intact":
        messages.error(request, check.get_result_display())
    return redirect("equipment:recording_detail", pk=pk)


@row_page(selectors.get_recording_for, permissions.can_add_version)
def recording_version(request: HttpRequest, recording: Recording) -> HttpResponse:
    form = forms.VersionForm(request.POST or None, request.FILES or None)
    return form_page_action(
        request,
        form,
        lambda data: services.add_version(
            actor=request.user, recording=recording, upload=data["file"], description=data["description"]
        ),
        done=_("The new version was kept; the earlier one stays as it was."),
        title=_("Add a new version of “%(title)s”") % {"title": recording.title},
        back=reverse("equipment:recording_detail", args=[recording.pk]),
        then=lambda new: reverse("equipment:recording_detail", args=[new.pk]),
        template="equipment/upload_form.html",
        max_mb=_max_mb(),
    )


@row_page(selectors.get_recording_for, permissions.can_link)
def recording_link(request: HttpRequest, recording: Recording) -> HttpResponse:
    incidents = Incident.objects.visible_to(request.user).filter(court_id=recording.court_id)
    form = forms.LinkForm(
        request.POST or None,
        incidents=incidents.order_by("-occurred_at", "-id"),
        sanctions=Sanction.objects.filter(incident__in=incidents).select_related("incident"),
        matters=Matter.objects.visible_to(request.user).filter(court_id=recording.court_id).order_by("-id"),
        entries=Entry.objects.visible_to(request.user).filter(court_id=recording.court_id).order_by("-id"),
    )
    return form_page_action(
        request,
        form,
        lambda data: services.link_recording(actor=request.user, recording=recording, **data),
        done=_("The recording is kept with the record."),
        title=_("Keep “%(title)s” with a record") % {"title": recording.title},
        back=reverse("equipment:recording_detail", args=[recording.pk]),
    )
