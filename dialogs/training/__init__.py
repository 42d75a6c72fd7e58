"""Training: building a runner's strength session and everything around doing it.

sessions   the session builder: which exercises, in what dose, for this profile and day
workout    the /workout dialog that walks through a session and logs it
checkin    the check-in after a session (how did it go, soreness the next day)
nudges     reminders and check-ins: what is due, when, and what each says
progress   /progress figures: sessions per week, streaks, levels reached
"""
