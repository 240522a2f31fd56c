# Staff area: dashboard, meetings, minutes (issue: staff log each regional meeting).
urlpatterns: list = []
