"""The data path of one request, top to bottom, as ``Extractor.extract`` calls it.

1. read sentences (``text/``, ``rules/``): segment, then the rule pass (cues, speakers, counts);
2. ask (``providers/``): one short model question per sentence that needs a decision (is this a strike,
   an attack or neither; who speaks here);
3. build drafts (``assembly/drafts``): fields by rules and the gazetteer, grounded spans, one draft per mention;
   then, when the settings ask for it, one closed question per statement whose kind no word marks (claim, threat,
   condemnation, justification or other: the model picks among the rules' candidates);
4. merge (``assembly/merge``): mentions of one event become one event; when the settings ask for it, a mention
   that names neither actor nor date is put to the model (the main event's incident, or another one);
5. number and 6. link (``assembly/links``): ids, then the links the article states → response.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

import structlog
from pydantic import BaseModel

from api import language
from api.enrich import Signals, enrich
from api.errors import InvalidAnswer
from api.extraction.assembly.assemble import assemble
from api.extraction.assembly.drafts import Drafts, Events, build_drafts
from api.extraction.assembly.merge import SameIncident
from api.extraction.prompting import Prompt, prompt_version
from api.extraction.providers.backend import CURRENT_STATS, Backend, CallStats
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import SentenceFacts, read_sentences
from api.extraction.text.sentences import rejoin, split_sentences
from schemas.contract import (
    ALL_TYPES,
    Attack,
    DocumentInfo,
    EventType,
    ExtractRequest,
    ExtractResponse,
    Meta,
    Strike,
    Usage,
)
from schemas.llm import EventAnswer, IncidentAnswer, KindAnswer, SpeakerAnswer

log = structlog.get_logger("extraction")
R = TypeVar("R")
Q = TypeVar("Q", bound=BaseModel)


async def answers(jobs: dict[int, Coroutine[Any, Any, R]]) -> dict[int, R]:
    """Await every question; the first failure cancels the others (and waits for them to stop), so no
    model call outlives the request."""
    tasks = {i: asyncio.ensure_future(job) for i, job in jobs.items()}
    try:
        await asyncio.gather(*tasks.values())
    except BaseException:
        for task in tasks.values():
            task.cancel()
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        raise
    return {i: task.result() for i, task in tasks.items()}


class Extractor:
    def __init__(self, backend: Backend, gazetteer: Gazetteer, prompts: dict[str, Prompt], *,
                 max_tokens: int = 32, parallel_calls: int = 1, questions: frozenset[str] = frozenset()):
        """``questions``: the optional closed questions asked (``kind``, ``incident``); the others take the rules'
        answer. The prompt version names the prompts in use, so the cache tells the settings apart."""
        self.backend = backend
        self.gazetteer = gazetteer
        self.questions = questions
        self.prompts = {name: p for name, p in prompts.items() if name in ("event", "speaker") or name in questions}
        self.prompt_version = prompt_version(self.prompts)
        self._max_tokens = max_tokens
        self._parallel = asyncio.Semaphore(parallel_calls)

    def read_sentences(self, text: str) -> list[SentenceFacts]:
        """Stage 1, rules: the text cut into sentences (never inside a known name), and what each one says."""
        def names(snippet: str) -> list[tuple[int, int]]:
            return [(n.start, n.end) for n in self.gazetteer.find_actors(snippet)] + \
                [(n.start, n.end) for n in self.gazetteer.find_places(snippet)]

        return read_sentences(rejoin(split_sentences(text), text, names), self.gazetteer, text)

    async def ask(self, facts: list[SentenceFacts], types: Sequence[EventType],
                  stats: CallStats) -> tuple[dict[int, str | None], dict[int, str | None]]:
        """Stage 2, the model: the event questions (strike, attack or neither), then the speaker questions, each
        about one sentence; answers by sentence index."""
        want_events = "strike" in types or "attack" in types
        want_statements = "statement" in types
        labels = await answers({f.sentence.index: self._ask_event(f, stats)
                                for f in facts if want_events and f.event_candidate})
        speakers = await answers({
            f.sentence.index: self._ask_speaker(f, facts[f.sentence.index - 1].sentence.text
                                                if f.sentence.index else "", stats)
            for f in facts if want_statements and f.has_speech_verb and f.who is None and not f.anonymous
        })
        return labels, speakers

    async def _question(self, prompt: str, user: str, model: type[Q], stats: CallStats, what: str) -> Q | None:
        """One closed question to the model, at most ``parallel_calls`` in flight; an unusable answer is None and a
        warning that names ``what`` was asked (an upstream failure fails the request)."""
        try:
            async with self._parallel:
                return await self.backend.structured(self.prompts[prompt].messages(user), model, self._max_tokens)
        except InvalidAnswer as exc:
            stats.warnings.append(f"{what} unanswered ({exc.detail})")
            return None

    async def _ask_event(self, f: SentenceFacts, stats: CallStats) -> str | None:
        ans = await self._question("event", f"Sentence: {f.sentence.text}", EventAnswer, stats,
                                   f"sentence {f.sentence.index}: event question")
        return ans.event if ans else None

    async def _ask_speaker(self, f: SentenceFacts, prev: str, stats: CallStats) -> str | None:
        ans = await self._question("speaker", f"Context: {prev}\nSentence: {f.sentence.text}", SpeakerAnswer, stats,
                                   f"sentence {f.sentence.index}: speaker question")
        return ans.name() if ans else None

    async def settle_kinds(self, drafts: Drafts, stats: CallStats) -> None:
        """Stage 3b, the model: the kind of each statement whose words mark none, as a closed question; an
        unusable answer keeps the rules' claim."""
        if "kind" not in self.questions:
            return
        kinds = await answers({i: self._ask_kind(words, stats) for i, words in drafts.unsure_kinds})
        for i, kind in kinds.items():
            if kind is not None:
                drafts.statements[i] = drafts.statements[i].model_copy(update={"kind": kind})

    async def _ask_kind(self, words: str, stats: CallStats) -> str | None:
        ans = await self._question("kind", f"Sentence: {words}", KindAnswer, stats, "statement kind question")
        return ans.kind if ans else None

    def _same_incident(self, text: str, stats: CallStats, loop: asyncio.AbstractEventLoop) -> SameIncident:
        """The merge's question, asked from its worker thread on the request's event loop: does mention ``b``
        (no actor, no date) report the incident of ``a``? Mentions read from one sentence are one incident by
        the rules; an unusable answer keeps the rules' choice (the same)."""
        def same(a: Strike | Attack, b: Strike | Attack) -> bool:
            first, second = a.evidence[0], b.evidence[0]
            if first.start < second.end and second.start < first.end:
                return True
            question = f"A: {text[first.start : first.end]}\nB: {text[second.start : second.end]}"
            answer = asyncio.run_coroutine_threadsafe(self._ask_incident(question, stats), loop).result()
            return answer != "different"
        return same

    async def _ask_incident(self, question: str, stats: CallStats) -> str | None:
        ans = await self._question("incident", question, IncidentAnswer, stats, "incident question")
        return ans.incident if ans else None

    async def extract(self, req: ExtractRequest) -> ExtractResponse:
        """The stages in order: read sentences, ask, build drafts, merge, number, link."""
        started = time.perf_counter()
        stats = CallStats()
        token = CURRENT_STATS.set(stats)
        try:
            types: Sequence[EventType] = req.types or ALL_TYPES
            text = req.text
            lang = await asyncio.to_thread(language.detect, text)
            if not language.extracted(lang):  # a warning that names the language, never a silent empty answer
                stats.warnings.append(language.unsupported_warning(str(lang)))
                types = ()
            # rules are CPU work (≈ 3 ms per 1,000 characters): off the event loop, so health checks
            # and other requests are not held up by a long article
            facts = await asyncio.to_thread(self.read_sentences, text)
            labels, speakers = await self.ask(facts, types, stats)

            drafts = await asyncio.to_thread(build_drafts, text, req.published_at, self.gazetteer, set(types), facts,
                                             labels, speakers)
            await self.settle_kinds(drafts, stats)

            same = self._same_incident(text, stats, asyncio.get_running_loop()) if "incident" in self.questions \
                else None

            events = await asyncio.to_thread(assemble, drafts, self.gazetteer, text, same)
            stats.warnings.extend(drafts.warnings)
        finally:
            CURRENT_STATS.reset(token)
        response = self._response(req, events, stats, started)
        # analyst fields (places on the map, typed actors, uid, confidence, language)
        return await asyncio.to_thread(enrich, response, req, Signals(lang, facts, labels, speakers))

    def _response(self, req: ExtractRequest, events: Events, stats: CallStats, started: float) -> ExtractResponse:
        strikes, attacks, statements, casualties = events
        meta = Meta(
            provider=self.backend.provider, model=self.backend.model_name, prompt_version=self.prompt_version,
            duration_ms=int((time.perf_counter() - started) * 1000), llm_calls=stats.calls, retries=stats.retries,
            usage=Usage(prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens),
            warnings=stats.warnings,
        )
        doc = DocumentInfo(id=req.id, sha256=hashlib.sha256(req.text.encode("utf-8", "surrogatepass")).hexdigest(),
                           chars=len(req.text), published_at=req.published_at.isoformat() if req.published_at else None)
        return ExtractResponse(document=doc, strikes=strikes, attacks=attacks, statements=statements,
                               casualty_reports=casualties, meta=meta)


__all__ = ["Extractor"]
