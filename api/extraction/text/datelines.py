"""A page's dateline: where (and on which day) the report was filed, written before its first words."""

from __future__ import annotations

import re

# "ADEN, Yemen —", "BAGHDAD (Reuters) -", "MOGADISHU, April 21 (Xinhua) —", a live page's " date 2024-05-01 …";
# "RAWALPINDI: Eight terrorists were killed …" (a city's name of five capitals or more before a colon)
DATELINE = re.compile(r"^\W*(?:date\s+\S+\s+)?(?:[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w .'-]{1,40}?)?\s*"
                      r"(?:\([^)]{1,40}\)\s*)?(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*)?(?:\([^)]{1,40}\)\s*)?[—–-]\s"
                      r"|[A-Z]{5,}(?:\s[A-Z]{3,})?:\s"
                      # "MOSCOW (Agency News / Sputnik - 17th April, 2022) …": the city, then the outlet and the day
                      r"|[A-Z][A-Z.'\- ]{2,}\s*\([^()]{3,60}?\d{4}\)\s)")
