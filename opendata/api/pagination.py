from rest_framework.pagination import CursorPagination


class NewestFirst(CursorPagination):
    """Cursor pagination: stable pages however many rows arrive meanwhile, and no COUNT(*)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-id")


class MeetingsNewestFirst(NewestFirst):
    ordering = ("-starts_at", "-id")


class MemorandaNewestFirst(NewestFirst):
    ordering = ("-signed_on", "-id")


class InOrder(NewestFirst):
    ordering = ("id",)
