"""Django admin strings that Django 5.2 ships without a zh-Hans translation. Marked here so that
`make messages` extracts them into the project catalogue (LOCALE_PATHS wins over Django's own), and the
admin reads Chinese throughout. The admin's JavaScript strings ("Choose all %s") are in
corridor/locale/zh_Hans/LC_MESSAGES/djangojs.po for the same reason."""

from django.utils.translation import gettext_noop

ADMIN_STRINGS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
)
