"""Pages that gather every app: the public home and the staff dashboard.

A thin layer above the apps: it may import any of them, and no app imports it. The apps stay
one-way (programs <- consultations <- proposals); what needs all of them lives here.
"""
