"""Training: building a runner's strength session and everything around doing it.

sessions   the session builder: today's session for this profile, day and phase
phases     the runner's season (base, build, peak, taper, race week, recovery, lighter
           weeks) and the week's sessions: how many, on which days
prescription  doses a runner can follow (sets, reps, rest, tempo, reps in reserve, weight)
selection  which exercises fill today's session, and the warm-up
progression  where each exercise chain stands, replayed from the history
workout    the /workout dialog that walks through a session and logs it
today      what today already holds: one session a day, resuming one stopped part way
session_summary  the message that closes a finished session
field_tests  the /tests dialog: baseline and retest field tests, per side
baseline   the field tests as figures: reading results, the level they point to
checkin    the check-in after a session (how did it go, soreness the next day)
nudges     reminders and check-ins: what is due, when, and what each says
progress   /progress figures: sessions per week, streaks, levels reached
"""
