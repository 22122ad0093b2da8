"""What the audit trail withholds of the duty area (core.audit_visibility).

Deliberately nothing: a shift records who is on duty when — the roster every officer
and guard of the court reads — and an alert's audit lines hold its occasion key, the
accounts told and when; the texts of the alert (which place, which time) are never
written to the trail, only to the recipients' notifications."""
