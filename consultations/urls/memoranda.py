# Memoranda drafting, akimat review and commitments (issue: memoranda of cooperation).
urlpatterns: list = []
