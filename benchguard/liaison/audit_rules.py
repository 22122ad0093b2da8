"""What the audit trail withholds of the liaison directory (core.audit_visibility).

Deliberately nothing: the directory holds the names, positions and work phones of
officials of public bodies, given to the court for official contact, the same facts
the courts' own directory shows of its staff (organization). A court's administrator
who reads the trail may see them. Requests and answers (a later issue) will name
judges and incidents and will need a rule here."""
