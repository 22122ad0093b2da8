"""What the audit trail withholds of the alarm area (core.audit_visibility).

Deliberately nothing: an alarm records a place, who pressed it and when, and who of the
judicial police took it on and arrived — what every officer and leader of the court
sees on the officers' screen anyway. What happened is written in the incident the alarm
opened, whose own rules apply (incidents.audit_rules); the alarm's outcome is a short
operational note kept by the same people who read the alarm."""
