from django.core.management.base import BaseCommand

from subsidia.reference.loader import load_all


class Command(BaseCommand):
    help = "Load the reference data shipped with Subsidia (funds, objectives, codes, indicators, rules, NUTS)."

    def handle(self, *args, **options):
        counts = load_all()
        for label, count in counts.items():
            self.stdout.write(f"{count:>5}  {label}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
