"""Events: registration, check-in and 1:1 brokerage meetings (the Django app comes later)."""
