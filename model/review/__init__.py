"""The analyst's review loop: a local page to check records against the text and correct them (server.py), and
corrections stored as stand-off annotations that feed training and evaluation (corrections.py)."""
