"""`benchguard seed-demo`: load the demo data (idempotent) and print the demo logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from benchguard.organization.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo courts, people and one account per role (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        personas = load_demo()
        self.stdout.write(f"\nBenchGuard demo logins (password for all: {DEMO_PASSWORD})\n")
        for persona in personas:
            roles = ", ".join(
                str(role.label) if hasattr(role, "label") else role for role in persona.roles
            ) or ("superuser" if persona.is_superuser else "no role")
            self.stdout.write(f"  {persona.username:<10} {persona.name:<8} {roles}")
        self.stdout.write(f"\nOpen {settings.BENCHGUARD_BASE_URL}/\n")
