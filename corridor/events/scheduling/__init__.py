"""1:1 meeting scheduling for brokerage days, plain Python (no Django): see ``scheduler`` for rules and objective."""

from corridor.events.scheduling.model import Event, InputError, Meeting, Schedule, parse_event
from corridor.events.scheduling.scheduler import DEFAULT_TIME_LIMIT, Outcome, schedule
from corridor.events.scheduling.validate import schedule_problems

__all__ = [
    "DEFAULT_TIME_LIMIT", "Event", "InputError", "Meeting", "Outcome", "Schedule", "parse_event", "schedule",
    "schedule_problems",
]
