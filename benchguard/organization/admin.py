"""Admin for reference data: courts, departments, people, accounts and roles.

Scoped to the administrator's court (organization.admin_base) and logged
(core.admin_base). Private details are not administered here: they open only through
the logged restricted page (A18).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from benchguard.core.access import is_city_admin
from benchguard.core.admin import CityAdminOnly, LoggedAdmin
from benchguard.core.admin_base import VersionedAdminForm, record_admin_change
from benchguard.core.audit_visibility import AuditView
from benchguard.core.models import AuditEntry
from benchguard.organization import services
from benchguard.organization.admin_base import ScopedAdmin, admin_court_ids, can_administer
from benchguard.organization.models import Account, Court, Department, Person, RightCategory, RoleAssignment

admin.site.site_header = _("BenchGuard")
admin.site.site_title = _("BenchGuard")


def _loaded_version(obj: Any, form: Any) -> int:
    loaded = form.cleaned_data.get("loaded_version")
    return int(loaded) if loaded is not None else int(obj.version)


def _save_versioned(
    request: HttpRequest, obj: Any, form: Any, change: bool, create: Any, update: Any
) -> None:
    if change:
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f != "loaded_version"}
        updated = update(actor=request.user, expected_version=_loaded_version(obj, form), changes=changes)
        obj.version = updated.version
    else:
        fields = {
            f: form.cleaned_data[f] for f in form.fields if f != "loaded_version" and f in form.cleaned_data
        }
        created = create(actor=request.user, **fields)
        obj.pk = created.pk


@admin.register(Court)
class CourtAdmin(ScopedAdmin):
    form = VersionedAdminForm
    court_path = "pk"
    list_display = ["name", "level", "case_code", "division_code", "parent"]
    search_fields = ["name", "short_name", "division_code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_city_admin(request.user)

    def save_model(self, request: HttpRequest, obj: Court, form: Any, change: bool) -> None:
        _save_versioned(
            request,
            obj,
            form,
            change,
            services.create_court,
            lambda **kw: services.update_court(court=obj, **kw),
        )


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["name", "court", "type", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name"]
    list_select_related = ["court"]

    def save_model(self, request: HttpRequest, obj: Department, form: Any, change: bool) -> None:
        _save_versioned(
            request,
            obj,
            form,
            change,
            services.create_department,
            lambda **kw: services.update_department(department=obj, **kw),
        )


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["name", "court", "department", "category", "position", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "name_pinyin", "staff_number"]
    list_select_related = ["court", "department"]
    raw_id_fields = ["account"]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        if change:
            changes = {
                f: form.cleaned_data[f]
                for f in form.changed_data
                if f not in {"loaded_version", "account", "court"}
            }
            expected = _loaded_version(obj, form)
            if "account" in form.changed_data:
                services.link_account(actor=request.user, person=obj, account=form.cleaned_data["account"])
                expected += 1
            if changes:
                services.update_person(
                    actor=request.user, person=obj, expected_version=expected, changes=changes
                )
        else:
            fields = {
                f: form.cleaned_data[f]
                for f in form.fields
                if f != "loaded_version" and f in form.cleaned_data
            }
            obj.pk = services.create_person(actor=request.user, **fields).pk


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["role", "court", "department"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not is_city_admin(request.user):
            courts = admin_court_ids(request.user)
            if db_field.name == "court":
                kwargs["queryset"] = Court.objects.filter(pk__in=courts)
            elif db_field.name == "department":
                kwargs["queryset"] = Department.objects.filter(court_id__in=courts)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleAssignment]:
        queryset = super().get_queryset(request)
        if is_city_admin(request.user):
            return queryset
        return queryset.filter(court_id__in=admin_court_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer(request.user)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission
    has_add_permission = has_view_permission


@admin.register(Account)
class AccountAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
    actions = ["unlock"]
    list_display = ["username", "display_name", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("", {"fields": ("display_name", "email", "language")}),
        ("", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer(request.user)

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the audit trail names accounts

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A court's administrator cannot make anyone a superuser.
        extra = [] if is_city_admin(request.user) else ["is_superuser"]
        return [*self.readonly_fields, *extra]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Account]:
        queryset = super().get_queryset(request)
        if is_city_admin(request.user):
            return queryset
        courts = admin_court_ids(request.user)
        return queryset.filter(is_superuser=False).filter(
            pk__in=Account.objects.filter(role_assignments__court_id__in=courts).values("pk")
        ) | queryset.filter(is_superuser=False, person__court_id__in=courts)

    @admin.action(description=_("Unlock after failed sign-ins"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[Account]) -> None:
        for account in queryset:
            services.unlock_account(actor=request.user, account=account)
        self.message_user(request, _("The selected accounts can sign in again."))

    def save_model(self, request: HttpRequest, obj: Account, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_admin_change(request, obj, form, created=not change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            services.revoke_role(actor=request.user, assignment=deleted)
        for instance in instances:
            if instance.pk:
                # A role row is replaced, not edited, so its history reads assign/revoke.
                old = RoleAssignment.objects.get(pk=instance.pk)
                services.revoke_role(actor=request.user, assignment=old)
            services.assign_role(
                actor=request.user,
                account=form.instance,
                role=instance.role,
                court=instance.court,
                department=instance.department,
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only; a court's administrator sees their court's lines, and
    nobody sees the restricted data of an area they may not read (core.audit_visibility)."""

    list_display = ["id", "created_at", "kind", "action", "actor_name", "object_repr"]
    list_filter = ["kind"]
    ordering = ["-id"]  # the latest first: what an administrator looks for
    # Searched by hand (get_search_results): the object column only where it is shown.
    search_fields = ["action", "actor_name", "object_repr", "request_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def get_list_display(self, request: HttpRequest) -> Any:
        view = AuditView(request.user)

        @admin.display(description=_("object"))
        def shown_object(entry: AuditEntry) -> str:
            return view.object_repr(entry)

        @admin.display(description=_("actor"))
        def shown_actor(entry: AuditEntry) -> str:
            return view.actor_name(entry)

        return ["id", "created_at", "kind", "action", shown_actor, shown_object]

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        """The line as this viewer may see it: a restricted area's data is withheld from
        whoever may not read that area (core.audit_visibility)."""
        entry = super().get_object(request, object_id, from_field)
        return None if entry is None else AuditView(request.user).shown(entry)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[AuditEntry], search_term: str
    ) -> tuple[QuerySet[AuditEntry], bool]:
        view = AuditView(request.user)
        withheld = view.withheld_q()
        actor_withheld = view.actor_withheld_q()
        for bit in smart_split(search_term):
            if bit[:1] in ('"', "'") and bit[-1:] == bit[:1]:
                bit = unescape_string_literal(bit)
            by_object = Q(object_repr__icontains=bit)
            if withheld is not None:
                by_object &= ~withheld
            by_actor = Q(actor_name__icontains=bit)
            if actor_withheld is not None:
                by_actor &= ~actor_withheld
            queryset = queryset.filter(
                Q(action__icontains=bit) | by_actor | Q(request_id__icontains=bit) | by_object
            )
        return queryset, False

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        """Only the kind filter the page offers. Django lets any field of the model be
        filtered from the address (`?object_repr__icontains=…`, `?data__after__name=…`),
        and the count of lines found would answer yes or no about withheld data."""
        return lookup in {"kind", "kind__exact"}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_administer(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        queryset = super().get_queryset(request)
        # Lines whose very existence is confidential are not listed, nor opened (404).
        hidden = AuditView(request.user).hidden_q()
        if hidden is not None:
            queryset = queryset.exclude(hidden)
        if is_city_admin(request.user):
            return queryset
        return queryset.filter(court_id__in=admin_court_ids(request.user))


def unregister_unscoped() -> None:
    """Keep third-party models out of the admin: they are not scoped by court, and each
    has a command instead (`benchguard axes_reset_username`, `drf_create_token`,
    `/healthz`). Called from the URL configuration, after every admin module loaded."""
    from django.apps import apps

    for label in (
        "auth.Group",
        "authtoken.TokenProxy",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "django_tasks_database.DBTaskResult",
        # Second-factor devices: reset per account on the two-step page (signin), audited.
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if admin.site.is_registered(model):
            admin.site.unregister(model)


@admin.register(RightCategory)
class RightCategoryAdmin(LoggedAdmin, CityAdminOnly):
    """The taxonomy of rights (A3): the city administrator extends it; codes stay."""

    list_display = ["label", "label_en", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return ["code"] if obj is not None else []
