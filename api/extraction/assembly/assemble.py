"""The last step of the assembly, one function the pipeline and the tests share: drafts merged into one event
per incident (who acts for whom and how specific a place is, read from the gazetteer), numbered and linked."""

from __future__ import annotations

import functools

from api.extraction.assembly.article_country import article_country, with_country
from api.extraction.assembly.drafts import Drafts, Events
from api.extraction.assembly.grounded import side_of
from api.extraction.assembly.links import link, number
from api.extraction.assembly.merge import SameIncident, merge_events
from api.extraction.assembly.target_groups import with_target_group
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import specificity


def assemble(drafts: Drafts, gaz: Gazetteer, text: str, same: SameIncident | None = None) -> Events:
    """The article's events from its drafts: merged (``same`` decides, where given, whether a mention that names
    neither actor nor date is the main incident's), numbered, and linked to each other."""
    strikes, attacks, statements, casualties = merge_events(drafts, functools.partial(side_of, gaz), text, same,
                                                            functools.partial(specificity, gaz))
    strikes = with_target_group(strikes, gaz, text)
    country = article_country(text, gaz)
    events = with_country(strikes, country, text), with_country(attacks, country, text), statements, casualties
    number(*events)
    link(text, *events)
    return events
