"""Django's own strings that our users see, kept in our catalogue so they use the glossary's
terms (GLOSSARY.md): Django's Kazakh says «Қолданушы» and «Өшіру», ours «пайдаланушы» and «жою».
Our catalogue comes first in LOCALE_PATHS, so these translations win in the admin and the auth
forms too. Listing the msgids here keeps them in the catalogue when makemessages runs.
"""

from django.utils.translation import gettext_lazy

DJANGO_TERMS = (
    gettext_lazy("User"),
    gettext_lazy("user"),
    gettext_lazy("users"),
    gettext_lazy("username"),
    gettext_lazy("user permissions"),
    gettext_lazy("A user with that username already exists."),
    gettext_lazy("Delete"),
    gettext_lazy("Delete?"),
    gettext_lazy("Remove"),
    gettext_lazy("Date/time"),
)
