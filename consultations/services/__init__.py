# Writes with business rules, by area: meetings.py, memoranda.py.
