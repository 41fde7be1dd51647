"""Reads a CalDAV calendar back with another client than Rebound's: Debian's python3-caldav (and icalendar).

Usage: read.py CALENDAR_URL USER PASSWORD. Prints one JSON list: per event, its UID, summary, start (ISO 8601,
UTC) and how many alarms it has.
"""
import json
import sys

import caldav
import icalendar

url, user, password = sys.argv[1:4]
client = caldav.DAVClient(url=url, username=user, password=password)
calendar = caldav.Calendar(client=client, url=url)
out = []
for event in calendar.events():
    for v in icalendar.Calendar.from_ical(event.data).walk("VEVENT"):
        out.append({
            "uid": str(v["UID"]),
            "summary": str(v["SUMMARY"]),
            "start": v.decoded("DTSTART").isoformat(),
            "alarms": len(v.walk("VALARM")),
        })
print(json.dumps(sorted(out, key=lambda e: e["uid"])))
