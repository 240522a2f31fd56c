# Forms by area: meetings.py (staff meetings and minutes), memoranda.py (drafting and review).
